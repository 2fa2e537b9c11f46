package io.wayfarer.recommend.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The service persists the last good model as bytes: what it reads back must answer exactly as the original. */
class ModelCodecTests {

    private static final TrainingData DATA = TravelData.small();
    private final ModelCodec codec = new BinaryModelCodec();

    static List<String> trainers() {
        return List.of(Trainers.DEFAULT, Trainers.POPULARITY, Trainers.REQUIREMENTS_USER_BASED,
                "user-cf/pearson/k=20/shrink=5", "item-cf/cosine/k=30/shrink=10", "item-cf/loglikelihood/k=30",
                "ease/lambda=50");
    }

    @ParameterizedTest
    @MethodSource("trainers")
    void aModelReadBackAnswersIdentically(String name) throws IOException {
        TrainedModel original = Trainers.byName(name).train(DATA, Trainer.ProgressListener.NONE);

        TrainedModel copy = codec.read(new ByteArrayInputStream(bytes(original)));

        assertThat(copy.name()).isEqualTo(original.name()).isEqualTo(name);
        assertThat(bytes(copy)).isEqualTo(bytes(original));
        for (String user : TravelData.users(DATA)) {
            assertThat(copy.recommend(user, 10, Set.of("trip-1"))).isEqualTo(original.recommend(user, 10, Set.of("trip-1")));
        }
        assertThat(copy.recommend("nobody", 10, Set.of())).isEqualTo(original.recommend("nobody", 10, Set.of()));
        for (String item : TravelData.items(DATA)) {
            assertThat(copy.similarItems(item, 5)).isEqualTo(original.similarItems(item, 5));
            for (String user : List.of("u1", "u2", "u3", "u50")) {
                assertThat(copy.predictRating(user, item)).isEqualTo(original.predictRating(user, item));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("trainers")
    void aDamagedModelIsRefusedNotHalfRead(String name) throws IOException {
        byte[] bytes = bytes(Trainers.byName(name).train(DATA, Trainer.ProgressListener.NONE));

        assertThatThrownBy(() -> codec.read(new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length / 2))))
                .isInstanceOf(IOException.class);
        byte[] wrongMagic = bytes.clone();
        wrongMagic[0] ^= 0x55;
        assertThatThrownBy(() -> codec.read(new ByteArrayInputStream(wrongMagic))).isInstanceOf(IOException.class);
    }

    private static byte[] bytes(TrainedModel model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.writeTo(out);
        return out.toByteArray();
    }
}
