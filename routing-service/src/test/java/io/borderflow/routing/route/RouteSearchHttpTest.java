package io.borderflow.routing.route;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import com.google.protobuf.util.JsonFormat;
import io.borderflow.api.routing.v1.FindRoutesRequest;
import io.borderflow.api.routing.v1.FindRoutesResponse;
import io.borderflow.api.routing.v1.Route;
import io.borderflow.api.routing.v1.RoutingServiceGrpc.RoutingServiceBlockingStub;
import io.borderflow.support.grpc.ProtoTimes;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** FindRoutes as JSON over HTTP (POST /v1/routes:search), as a freight platform calls it, and its OpenAPI document. */
@QuarkusTest
class RouteSearchHttpTest {
    @GrpcClient
    RoutingServiceBlockingStub routing;

    private static final String BODY = """
            {"origin": "places/urumqi", "destination": "places/moscow",
             "cargo": {"originCountryCode": "CN", "destinationCountryCode": "RU",
                       "goodsLines": [{"hsCode": "940320", "description": "metal furniture", "quantity": 300,
                                       "quantityUnit": "pcs", "netWeightKg": 9000, "customsValue": 60000,
                                       "currency": "USD", "originCountryCode": "CN"}]},
             "objective": "OBJECTIVE_CHEAPEST", "constraints": {"maxAlternatives": 3}}
            """;

    private static String bearer(String role) {
        return "Bearer " + TestTokens.forRoles(role);
    }

    @Test
    void aFreightPlatformGetsTheRoutesInTheProtobufJsonMapping() {
        Response response = given().urlEncodingEnabled(false)
                .header("Authorization", bearer(Roles.FREIGHT_PLATFORM))
                .contentType("application/json")
                .body(BODY)
                .post("/v1/routes:search");

        response.then()
                .statusCode(200)
                .contentType(containsString("application/json"))
                .body("routes[0].rank", equalTo(1))
                .body("routes[0].legs[0].fromPlace", equalTo("places/urumqi"))
                .body("routes[0].corridor", startsWith("CORRIDOR_"))
                .body("routes[0].medianTime", org.hamcrest.Matchers.matchesPattern("[0-9.]+s"))
                .body("routes[0].cost.currency", equalTo("USD"));
        List<Map<String, Object>> routes = response.jsonPath().getList("routes");
        assertThat(routes).isNotEmpty().hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void theJsonEndpointAnswersWhatTheGrpcCallAnswers() throws Exception {
        FindRoutesRequest.Builder request = FindRoutesRequest.newBuilder();
        JsonFormat.parser().merge(BODY, request);
        request.setDepartureTime(ProtoTimes.timestamp(Instant.now().plus(Duration.ofHours(2))));

        FindRoutesResponse overGrpc = routing.withDeadlineAfter(20, TimeUnit.SECONDS)
                .withCallCredentials(TestTokens.as(Roles.FREIGHT_PLATFORM))
                .findRoutes(request.build());
        String json = given().urlEncodingEnabled(false)
                .header("Authorization", bearer(Roles.FREIGHT_PLATFORM))
                .contentType("application/json")
                .body(JsonFormat.printer().print(request))
                .post("/v1/routes:search")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        FindRoutesResponse.Builder overHttp = FindRoutesResponse.newBuilder();
        JsonFormat.parser().merge(json, overHttp);

        assertThat(overGrpc.getRoutesCount()).isPositive();
        assertThat(withoutDataAges(overHttp.build())).isEqualTo(withoutDataAges(overGrpc));
    }

    /** The routes without the ages of the live data behind them, which differ from one call to the next. */
    private static List<Route> withoutDataAges(FindRoutesResponse response) {
        return response.getRoutesList().stream()
                .map(route -> {
                    Route.Builder builder = route.toBuilder().clearLiveData();
                    builder.getCrossingsBuilderList()
                            .forEach(crossing -> crossing.clearWaitAge().clearCalendarAge());
                    return builder.build();
                })
                .toList();
    }

    @Test
    void badInputIsTheJsonFormOfTheGrpcStatus() {
        given().urlEncodingEnabled(false)
                .header("Authorization", bearer(Roles.FREIGHT_PLATFORM))
                .contentType("application/json")
                .body(BODY.replace("\"940320\"", "\"94\"").replace("places/urumqi", "urumqi"))
                .post("/v1/routes:search")
                .then()
                .statusCode(400)
                .body("error.status", equalTo("INVALID_ARGUMENT"))
                .body("error.reason", equalTo("INVALID_ROUTE_QUERY"))
                .body("error.fieldViolations.field", hasItems("origin"));
        given().urlEncodingEnabled(false)
                .header("Authorization", bearer(Roles.FREIGHT_PLATFORM))
                .contentType("application/json")
                .body("{\"origin\": 42, \"surprise\": true}")
                .post("/v1/routes:search")
                .then()
                .statusCode(400)
                .body("error.reason", equalTo("INVALID_JSON"));
        given().urlEncodingEnabled(false)
                .header("Authorization", bearer(Roles.FREIGHT_PLATFORM))
                .contentType("application/json")
                .body(BODY.replace("places/moscow", "places/atlantis"))
                .post("/v1/routes:search")
                .then()
                .statusCode(404)
                .body("error.reason", equalTo("PLACE_NOT_FOUND"));
    }

    @Test
    void aTokenWithTheRightRoleIsRequired() {
        given().urlEncodingEnabled(false)
                .contentType("application/json")
                .body(BODY)
                .post("/v1/routes:search")
                .then()
                .statusCode(401);
        given().urlEncodingEnabled(false)
                .header("Authorization", bearer(Roles.CUSTOMS_OFFICER))
                .contentType("application/json")
                .body(BODY)
                .post("/v1/routes:search")
                .then()
                .statusCode(403);
    }

    @Test
    void theOpenApiDocumentDescribesTheSearch() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths.'/v1/routes:search'.post.operationId", equalTo("findRoutes"))
                .body("components.schemas.FindRoutesRequest.required", hasItems("origin", "destination", "cargo"));
    }
}
