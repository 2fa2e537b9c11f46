package io.wayfarer.recommend.training;

import jakarta.validation.constraints.Size;

/** The optional body of {@code POST /v1/recommendation-models}: which trainer (default when absent). */
record TrainingRequest(@Size(min = 1, max = 120) String trainer) {
}
