package dev.atelier.gallery;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The authenticated routes the token tests call, each with a request that would change something (or read the
 * caller's data) if the token were accepted, and the status a valid token gets.
 */
public enum ProtectedRoute {
    LIST("GET /api/v1/images", 200) {
        @Override
        Response send(RequestSpecification request, UUID image) {
            return request.get("/api/v1/images");
        }
    },
    DETAIL("GET /api/v1/images/{id}", 200) {
        @Override
        Response send(RequestSpecification request, UUID image) {
            return request.get("/api/v1/images/{id}", image);
        }
    },
    EDIT("PATCH /api/v1/images/{id}", 200) {
        @Override
        Response send(RequestSpecification request, UUID image) {
            return request.contentType("application/merge-patch+json")
                    .body("{\"name\":\"Renamed by the caller\",\"tags\":[\"caller\"],\"favorite\":true}")
                    .patch("/api/v1/images/{id}", image);
        }
    },
    UPLOAD("POST /api/v1/uploads", 201) {
        @Override
        Response send(RequestSpecification request, UUID image) {
            return request.multiPart("file", "caller.png", TestImages.png(40, 30), "image/png")
                    .post("/api/v1/uploads");
        }
    },
    SHARE("POST /api/v1/images/{id}/shares", 201) {
        @Override
        Response send(RequestSpecification request, UUID image) {
            return request.contentType("application/json").body("{\"expiresIn\":\"PT1H\"}")
                    .post("/api/v1/images/{id}/shares", image);
        }
    },
    STATS("GET /api/v1/stats", 200) {
        @Override
        Response send(RequestSpecification request, UUID image) {
            return request.get("/api/v1/stats");
        }
    },
    TRASH("DELETE /api/v1/images/{id}", 204) {
        @Override
        Response send(RequestSpecification request, UUID image) {
            return request.delete("/api/v1/images/{id}", image);
        }
    },
    PURGE("DELETE /api/v1/images/{id}?permanent=true", 204) {
        @Override
        Response send(RequestSpecification request, UUID image) {
            return request.queryParam("permanent", "true").delete("/api/v1/images/{id}", image);
        }
    };

    private final String label;
    private final int allowedStatus;

    ProtectedRoute(String label, int allowedStatus) {
        this.label = label;
        this.allowedStatus = allowedStatus;
    }

    /** The status the route answers a valid token of the image's owner. */
    public int allowedStatus() {
        return allowedStatus;
    }

    /** Calls the route with {@code token} as the bearer token, on {@code image} where the route names one. */
    public Response call(String token, UUID image) {
        return send(given().redirects().follow(false).auth().oauth2(token), image);
    }

    abstract Response send(RequestSpecification request, UUID image);

    @Override
    public String toString() {
        return label;
    }
}
