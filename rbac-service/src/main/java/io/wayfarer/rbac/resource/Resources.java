package io.wayfarer.rbac.resource;

import io.wayfarer.platform.paging.ListPage;
import io.wayfarer.platform.paging.ListQuery;
import io.wayfarer.platform.problem.FieldViolation;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import io.wayfarer.rbac.access.EntityTags;
import io.wayfarer.rbac.audit.AuditTrail;
import io.wayfarer.rbac.category.Categories;
import io.wayfarer.rbac.decision.PolicyVersions;
import io.wayfarer.platform.policy.RoutePattern;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The resources: every (method, route pattern) that may be granted. Each change bumps the policy
 * version (and so reaches the gateways) and is audited, in one transaction.
 */
@Component
public class Resources {

    static final String METHOD_REGEX = "GET|POST|PUT|PATCH|DELETE|ANY";
    static final String SERVICE_REGEX = "[a-z][a-z0-9-]{1,63}";

    private final RouteResources resources;
    private final Categories categories;
    private final PolicyVersions policy;
    private final AuditTrail audit;
    private final Clock clock;

    Resources(RouteResources resources, Categories categories, PolicyVersions policy, AuditTrail audit, Clock clock) {
        this.resources = resources;
        this.categories = categories;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    /** The resources with these ids, in pattern order; unknown ids are left out. */
    @Transactional(readOnly = true)
    public List<ResourceView> viewsOf(Collection<Long> ids) {
        Map<Long, String> codes = categories.codesById();
        return resources.findAllById(ids).stream()
                .sorted((a, b) -> a.definition().pattern().compareTo(b.definition().pattern()))
                .map(resource -> resource.view(codes.get(resource.categoryId())))
                .toList();
    }

    @Transactional(readOnly = true)
    public List<ResourceView> all() {
        Map<Long, String> codes = categories.codesById();
        return resources.findAll(Sort.by("pattern", "method")).stream()
                .map(resource -> resource.view(codes.get(resource.categoryId()))).toList();
    }

    @Transactional(readOnly = true)
    ListPage<ResourceView> list(ResourceListFilter filter, ListQuery query) {
        Optional<Long> categoryId = filter.category() == null ? Optional.empty() : categories.idOf(filter.category());
        if (filter.category() != null && categoryId.isEmpty()) {
            return new ListPage<>(List.of(), 0, query.offset(), query.limit());
        }
        Page<RouteResource> page = resources.findAll(
                new ResourceFilter(categoryId.orElse(null), filter.method(), filter.service(), filter.q()).specification(),
                query.pageable("id"));
        Map<Long, String> codes = categories.codesById();
        return ListPage.of(page, query, resource -> resource.view(codes.get(resource.categoryId())));
    }

    @Transactional(readOnly = true)
    Tagged existing(long id) {
        RouteResource resource = find(id);
        return new Tagged(resource.view(categories.codesById().get(resource.categoryId())), resource.version());
    }

    @Transactional
    Tagged create(ResourceRequest request, UUID actor) {
        ResourceDefinition definition = validated(request.name(), request.method(), request.pattern(),
                request.category(), request.service(), request.description());
        refuseDuplicate(definition, null);
        RouteResource created = save(new RouteResource(definition, clock.instant()), definition);
        return changed(created, "resource.created", null, actor);
    }

    @Transactional
    Tagged replace(long id, ResourceRequest request, String ifMatch, UUID actor) {
        RouteResource resource = find(id);
        EntityTags.checkIfMatch(ifMatch, resource.version());
        return redefine(resource, validated(request.name(), request.method(), request.pattern(), request.category(),
                request.service(), request.description()), actor);
    }

    @Transactional
    Tagged patch(long id, ResourcePatch patch, String ifMatch, UUID actor) {
        RouteResource resource = find(id);
        EntityTags.checkIfMatch(ifMatch, resource.version());
        ResourceDefinition current = resource.definition();
        String category = patch.category() != null ? patch.category() : categories.codesById().get(current.categoryId());
        return redefine(resource, validated(or(patch.name(), current.name()), or(patch.method(), current.method()),
                or(patch.pattern(), current.pattern()), category, or(patch.service(), current.service()),
                patch.description() != null ? patch.description() : current.description()), actor);
    }

    @Transactional
    void delete(long id, String ifMatch, UUID actor) {
        RouteResource resource = find(id);
        EntityTags.checkIfMatch(ifMatch, resource.version());
        ResourceView before = resource.view(categories.codesById().get(resource.categoryId()));
        resources.delete(resource);
        resources.flush();
        audit.record(actor, "resource.deleted", "resource", id, before, null, policy.bump());
    }

    private Tagged redefine(RouteResource resource, ResourceDefinition definition, UUID actor) {
        refuseDuplicate(definition, resource.id());
        ResourceView before = resource.view(categories.codesById().get(resource.categoryId()));
        resource.redefine(definition, clock.instant());
        return changed(save(resource, definition), "resource.updated", before, actor);
    }

    private Tagged changed(RouteResource resource, String action, ResourceView before, UUID actor) {
        ResourceView after = resource.view(categories.codesById().get(resource.categoryId()));
        audit.record(actor, action, "resource", resource.id(), before, after, policy.bump());
        return new Tagged(after, resource.version());
    }

    private RouteResource save(RouteResource resource, ResourceDefinition definition) {
        try {
            return resources.saveAndFlush(resource);
        } catch (DataIntegrityViolationException race) {
            throw duplicate(definition);
        }
    }

    private ResourceDefinition validated(String name, String method, String pattern, String category, String service,
            String description) {
        List<FieldViolation> violations = new ArrayList<>();
        try {
            RoutePattern.parse(pattern);
        } catch (IllegalArgumentException e) {
            violations.add(new FieldViolation("pattern", e.getMessage()));
        }
        Optional<Long> categoryId = categories.idOf(category);
        if (categoryId.isEmpty()) {
            violations.add(new FieldViolation("category", "is not a known resource category"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.validation(violations);
        }
        return new ResourceDefinition(name.trim(), method, pattern, categoryId.get(), service,
                description == null || description.isBlank() ? null : description.trim());
    }

    private void refuseDuplicate(ResourceDefinition definition, Long self) {
        String shape = RoutePattern.parse(definition.pattern()).shape();
        if (resources.idsWithShape(definition.method(), shape).stream().anyMatch(id -> !id.equals(self))) {
            throw duplicate(definition);
        }
    }

    private RouteResource find(long id) {
        return resources.findById(id).orElseThrow(() -> ProblemException.of(ProblemType.NOT_FOUND, "No resource " + id + "."));
    }

    private static ProblemException duplicate(ResourceDefinition definition) {
        return ProblemException.of(ProblemType.CONFLICT, "A resource for " + definition.method() + " "
                + definition.pattern() + " (or the same pattern with other variable names) exists.");
    }

    private static String or(String given, String current) {
        return given != null ? given : current;
    }

    /** A resource view with its version, for the ETag. */
    record Tagged(ResourceView view, long version) {
    }
}
