package io.wayfarer.recommend.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainersTests {

    @Test
    void everyEvaluatedNameResolvesToATrainerOfThatName() {
        assertThat(Trainers.evaluated()).contains(Trainers.DEFAULT, Trainers.POPULARITY, Trainers.REQUIREMENTS_USER_BASED);
        for (String name : Trainers.evaluated()) {
            assertThat(Trainers.byName(name).name()).isEqualTo(name);
        }
        assertThat(Trainers.defaultTrainer().name()).isEqualTo(Trainers.DEFAULT);
    }

    @Test
    void optionsAreCanonicalised() {
        assertThat(Trainers.byName("item-cf/cosine/k=50/shrink=10.0").name()).isEqualTo("item-cf/cosine/k=50/shrink=10");
        assertThat(Trainers.byName("ease/lambda=12.5").name()).isEqualTo("ease/lambda=12.5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "svd", "popularity/k=3", "user-cf", "user-cf/manhattan/k=5", "user-cf/pearson",
        "user-cf/pearson/k=0", "user-cf/pearson/k=2.5", "item-cf/cosine/k=5/depth=3", "item-cf/cosine/k=5/k=6",
        "ease", "ease/lambda=0", "ease/lambda=-1", "ease/lambda=x"})
    void badNamesAreRefused(String name) {
        assertThatThrownBy(() -> Trainers.byName(name)).isInstanceOf(IllegalArgumentException.class);
    }
}
