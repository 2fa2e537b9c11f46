package io.wayfarer.gateway.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The JSON of an RFC 9457 problem: the standard members, then the extension members, flat. */
@Component
class ProblemBody {

    private final JsonMapper json;

    ProblemBody(JsonMapper json) {
        this.json = json;
    }

    byte[] of(ProblemDetail problem) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", String.valueOf(problem.getType()));
        members.put("title", problem.getTitle());
        members.put("status", problem.getStatus());
        if (problem.getDetail() != null) {
            members.put("detail", problem.getDetail());
        }
        if (problem.getInstance() != null) {
            members.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            members.putAll(problem.getProperties());
        }
        return json.writeValueAsBytes(members);
    }
}
