package io.wayfarer.rbac.audit;

import io.wayfarer.platform.identity.CurrentUser;
import io.wayfarer.platform.paging.ListPage;
import io.wayfarer.platform.paging.ListQuery;
import io.wayfarer.rbac.access.AdminAccess;
import io.wayfarer.rbac.access.Lists;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AuditController {

    private final AuditLog log;

    AuditController(AuditLog log) {
        this.log = log;
    }

    /** Filters: {@code actor}, {@code action}, {@code target_type}, {@code target_id}, {@code from}/{@code to} (ISO instants). */
    @GetMapping("/v1/rbac-audit")
    ResponseEntity<ListPage<AuditEntry>> search(CurrentUser user, HttpServletRequest request,
            @RequestParam(required = false) UUID actor, @RequestParam(required = false) String action,
            @RequestParam(name = "target_type", required = false) String targetType,
            @RequestParam(name = "target_id", required = false) String targetId,
            @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
        AdminAccess.require(user);
        ListQuery query = ListQuery.from(request.getParameterMap(), AuditLog.SORTABLE, "occurred_at");
        if (request.getParameter("order") == null) {
            query = new ListQuery(query.offset(), query.limit(), query.sortBy(), Sort.Direction.DESC, query.pageStyle());
        }
        return Lists.answer(log.search(new AuditFilter(actor, action, targetType, targetId, from, to), query), query);
    }
}
