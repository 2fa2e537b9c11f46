package io.wayfarer.recommend.training;

import io.wayfarer.platform.identity.CurrentUser;
import io.wayfarer.platform.paging.ListPage;
import io.wayfarer.platform.paging.ListQuery;
import io.wayfarer.platform.paging.PageLinks;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import io.wayfarer.recommend.access.RecommendAccess;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The model lifecycle for product administrators: {@code POST} queues a training job (202 + Location of the job
 * to poll), {@code GET /{id}} shows its status and progress, {@code GET} lists jobs with the platform's paging.
 */
@RestController
class TrainingController {

    static final String PATH = "/v1/recommendation-models";
    private static final Map<String, String> SORTABLE = Map.of("requested_at", "requested_at", "status", "status",
            "trainer", "trainer");

    private final ModelTraining training;
    private final TrainingJobs jobs;
    private final ServedModel served;

    TrainingController(ModelTraining training, TrainingJobs jobs, ServedModel served) {
        this.training = training;
        this.jobs = jobs;
        this.served = served;
    }

    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TrainingJob> train(CurrentUser user, @Valid @RequestBody(required = false) TrainingRequest body) {
        RecommendAccess.requireModelStaff(user);
        TrainingJob job = training.request(Optional.ofNullable(body).map(TrainingRequest::trainer), user.userId());
        return ResponseEntity.accepted().location(URI.create(PATH + "/" + job.id())).body(job);
    }

    @GetMapping(path = PATH + "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TrainingJob> job(CurrentUser user, @PathVariable UUID id) {
        RecommendAccess.requireModelStaff(user);
        TrainingJob job = jobs.find(id)
                .orElseThrow(() -> ProblemException.of(ProblemType.NOT_FOUND, "No training job " + id + "."));
        return ResponseEntity.ok().header("X-Served-Model-Version", String.valueOf(served.version())).body(job);
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ListPage<TrainingJob>> list(CurrentUser user, HttpServletRequest request) {
        RecommendAccess.requireModelStaff(user);
        ListQuery query = ListQuery.from(request.getParameterMap(), SORTABLE, "requested_at");
        long total = jobs.count();
        ListPage<TrainingJob> page = new ListPage<>(jobs.list(query, query.sortBy()), total, query.offset(),
                query.limit());
        return ResponseEntity.ok()
                .header(HttpHeaders.LINK, PageLinks.header(ServletUriComponentsBuilder.fromCurrentRequest(), query, total))
                .header("X-Served-Model-Version", String.valueOf(served.version()))
                .body(page);
    }
}
