package org.entente.support.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.Test;

class ProblemOpenApiCustomizerTest {

    @Test
    void everyErrorResponseAnswersProblemJsonWithTheProblemSchemaAndSuccessesAreLeftAlone() {
        Schema<Object> view = new Schema<>().$ref("#/components/schemas/ScoreView");
        Operation getScore = new Operation().operationId("getScore")
                .addParametersItem(new Parameter().name("id").in("path")).responses(new ApiResponses()
                .addApiResponse("200", new ApiResponse().description("OK").content(json(view)))
                .addApiResponse("404", new ApiResponse().description("Not Found")
                        .content(json(new Schema<>().$ref("#/components/schemas/ProblemDetail")))));
        OpenAPI api = new OpenAPI().paths(new Paths().addPathItem("/api/assessments/{id}/score",
                new PathItem().get(getScore))).components(new Components()
                .addSchemas("ProblemDetail", new Schema<>()).addSchemas("ScoreView", new Schema<>()));

        new ProblemOpenApiCustomizer().customise(api);

        ApiResponses responses = getScore.getResponses();
        assertThat(responses.keySet()).containsExactlyInAnyOrder("200", "400", "401", "403", "404", "500", "503");
        assertThat(responses.get("200").getContent().get("application/json").getSchema()).isSameAs(view);
        for (String code : new String[] {"400", "401", "403", "404", "500", "503"}) {
            Content content = responses.get(code).getContent();
            assertThat(content.keySet()).as(code).containsExactly("application/problem+json");
            assertThat(content.get("application/problem+json").getSchema().get$ref()).as(code)
                    .isEqualTo("#/components/schemas/Problem");
            assertThat(responses.get(code).getDescription()).as(code).isNotBlank();
        }
        assertThat(api.getComponents().getSchemas()).containsKeys("Problem", "ScoreView")
                .doesNotContainKey("ProblemDetail");
    }

    @Test
    void anOperationWithoutParametersOrBodyIsNotSaidToRefuseMalformedRequests() {
        Operation list = new Operation().operationId("listAssessments");
        OpenAPI api = new OpenAPI().paths(new Paths().addPathItem("/api/assessments", new PathItem().get(list)));

        new ProblemOpenApiCustomizer().customise(api);

        assertThat(list.getResponses().keySet()).containsExactlyInAnyOrder("401", "403", "500", "503");
    }

    @Test
    void theProblemSchemaHasTheRfc9457MembersAndTheFieldsObject() {
        Schema<?> problem = ProblemOpenApiCustomizer.problemSchema();

        assertThat(problem.getProperties()).containsOnlyKeys("type", "title", "status", "detail", "instance",
                "fields");
        assertThat(problem.getProperties().get("status").getTypes()).containsExactly("integer");
        Schema<?> fields = problem.getProperties().get("fields");
        assertThat(fields.getTypes()).containsExactly("object");
        assertThat(((Schema<?>) fields.getAdditionalProperties()).getTypes()).containsExactly("string");
        assertThat(problem.getRequired()).containsExactlyInAnyOrder("type", "title", "status");
    }

    @Test
    void onlyThreeDigitFourAndFiveHundredsAreErrors() {
        assertThat(ProblemOpenApiCustomizer.isError("404")).isTrue();
        assertThat(ProblemOpenApiCustomizer.isError("503")).isTrue();
        assertThat(ProblemOpenApiCustomizer.isError("202")).isFalse();
        assertThat(ProblemOpenApiCustomizer.isError("default")).isFalse();
        assertThat(ProblemOpenApiCustomizer.isError("4XX")).isFalse();
    }

    private static Content json(Schema<?> schema) {
        return new Content().addMediaType("application/json", new MediaType().schema(schema));
    }
}
