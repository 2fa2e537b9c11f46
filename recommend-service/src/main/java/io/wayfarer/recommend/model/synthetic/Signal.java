package io.wayfarer.recommend.model.synthetic;

/** The behaviour a traveller shows towards a trip (the six of {@code wayfarer.behaviour}, plus a purchase). */
public enum Signal {
    VIEW, FAVOURITE, SHARE, COMMENT, RATE, RECOMMEND_TO_FRIEND, PURCHASE
}
