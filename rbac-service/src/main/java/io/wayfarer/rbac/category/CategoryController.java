package io.wayfarer.rbac.category;

import io.wayfarer.platform.identity.CurrentUser;
import io.wayfarer.platform.paging.ListPage;
import io.wayfarer.platform.paging.ListQuery;
import io.wayfarer.rbac.access.AdminAccess;
import io.wayfarer.rbac.access.EntityTags;
import io.wayfarer.rbac.access.Lists;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CategoryController {

    static final String MERGE_PATCH = "application/merge-patch+json";
    private static final Map<String, String> SORTABLE = Map.of("sort_order", "sortOrder", "code", "code",
            "name", "name", "id", "id");

    private final Categories categories;

    CategoryController(Categories categories) {
        this.categories = categories;
    }

    @GetMapping("/v1/resource-categories")
    ResponseEntity<ListPage<CategoryView>> list(CurrentUser user, HttpServletRequest request) {
        ListQuery query = ListQuery.from(request.getParameterMap(), SORTABLE, "sort_order");
        return Lists.answer(categories.list(query), query);
    }

    @GetMapping("/v1/resource-categories/{id}")
    ResponseEntity<CategoryView> one(CurrentUser user, @PathVariable long id) {
        return tagged(categories.existing(id));
    }

    @PostMapping(path = "/v1/resource-categories", consumes = "application/json")
    ResponseEntity<CategoryView> create(CurrentUser user, @Valid @RequestBody CategoryRequest request) {
        CategoryView created = categories.create(request, AdminAccess.require(user));
        return ResponseEntity.created(URI.create("/v1/resource-categories/" + created.id())).body(created);
    }

    @PutMapping(path = "/v1/resource-categories/{id}", consumes = "application/json")
    ResponseEntity<CategoryView> replace(CurrentUser user, @PathVariable long id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody CategoryRequest request) {
        return tagged(categories.replace(id, request, ifMatch, AdminAccess.require(user)));
    }

    @PatchMapping(path = "/v1/resource-categories/{id}", consumes = {MERGE_PATCH, "application/json"})
    ResponseEntity<CategoryView> patch(CurrentUser user, @PathVariable long id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody CategoryPatch patch) {
        return tagged(categories.patch(id, patch, ifMatch, AdminAccess.require(user)));
    }

    @DeleteMapping("/v1/resource-categories/{id}")
    ResponseEntity<Void> delete(CurrentUser user, @PathVariable long id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        categories.delete(id, ifMatch, AdminAccess.require(user));
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<CategoryView> tagged(ResourceCategory category) {
        return ResponseEntity.ok().eTag(EntityTags.of(category.version())).body(category.view());
    }
}
