package io.wayfarer.auth.login;

import io.wayfarer.auth.caller.AdminAccess;
import io.wayfarer.auth.caller.Caller;
import io.wayfarer.auth.session.SessionRecord;
import io.wayfarer.auth.session.SessionStore;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Staff: see a user's live sessions and end one ("kick"). */
@RestController
class SessionAdminController {

    private final SessionStore sessions;
    private final SessionEnding ending;

    SessionAdminController(SessionStore sessions, SessionEnding ending) {
        this.sessions = sessions;
        this.ending = ending;
    }

    @GetMapping("/v1/users/{id}/sessions")
    List<SessionRecord> sessionsOf(Caller caller, @PathVariable UUID id) {
        AdminAccess.require(caller);
        return sessions.list(id);
    }

    @DeleteMapping("/v1/sessions/{sid}")
    ResponseEntity<Void> kick(Caller caller, @PathVariable UUID sid) {
        AdminAccess.require(caller);
        SessionRecord session = sessions.find(sid)
                .orElseThrow(() -> ProblemException.of(ProblemType.NOT_FOUND, "No live session with this id."));
        ending.end(session.userId(), sid, "ended by an administrator");
        return ResponseEntity.noContent().build();
    }
}
