package io.wayfarer.recommend.signal;

import io.wayfarer.platform.identity.CurrentUser;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/behaviours}: the web app records the signed-in traveller's behaviour; each reads only their own. */
@RestController
class BehaviourController {

    static final String PATH = "/v1/behaviours";

    private final BehaviourRecording recording;
    private final Signals signals;

    BehaviourController(BehaviourRecording recording, Signals signals) {
        this.recording = recording;
        this.signals = signals;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StoredBehaviour> record(CurrentUser user, @Valid @RequestBody BehaviourRequest body) {
        StoredBehaviour stored = recording.record(user, body);
        return ResponseEntity.created(URI.create(PATH + "/" + stored.id())).body(stored);
    }

    @GetMapping(path = PATH + "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StoredBehaviour> one(CurrentUser user, @PathVariable UUID id) {
        return signals.find(id, user.userId()).map(ResponseEntity::ok)
                .orElseThrow(() -> ProblemException.of(ProblemType.NOT_FOUND, "No behaviour " + id + " of yours."));
    }
}
