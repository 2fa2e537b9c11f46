package io.wayfarer.catalog.rest;

import io.wayfarer.platform.problem.FieldViolation;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Merge Patch (RFC 7396, {@code application/merge-patch+json}): the patch is applied to the
 * resource's writable fields as JSON, the result is read back into the full-replacement body and
 * validated like a PUT — so PATCH and PUT share every rule.
 */
@Component
public class MergePatch {

    public static final String MEDIA_TYPE = "application/merge-patch+json";

    private final JsonMapper json;
    private final Validator validator;

    MergePatch(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    public <T> T apply(T current, JsonNode patch, Class<T> type) {
        if (patch == null || !patch.isObject()) {
            throw ProblemException.of(ProblemType.MALFORMED_REQUEST, "A merge patch must be a JSON object.");
        }
        JsonNode merged = merge(json.valueToTree(current), patch);
        T result;
        try {
            result = json.treeToValue(merged, type);
        } catch (JacksonException e) {
            throw ProblemException.of(ProblemType.MALFORMED_REQUEST, "The patch has a value of the wrong type.");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(result);
        if (!violations.isEmpty()) {
            throw ProblemException.validation(violations.stream()
                    .map(v -> new FieldViolation(v.getPropertyPath().toString(), v.getMessage()))
                    .sorted(Comparator.comparing(FieldViolation::field))
                    .toList());
        }
        return result;
    }

    static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : JsonMapper.builder().build().createObjectNode();
        for (String name : List.copyOf(patch.propertyNames())) {
            JsonNode value = patch.get(name);
            if (value.isNull()) {
                result.remove(name);
            } else {
                result.set(name, merge(result.get(name), value));
            }
        }
        return result;
    }
}
