package dev.atelier.image;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import dev.atelier.testinfra.TestJwt;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests as a user of a given tier. */
public final class TierJwt {
    private TierJwt() {
    }

    public static RequestSpecification as(UUID user, String tier) {
        return given().auth().oauth2(TestJwt.forUser(user, tier)).contentType(ContentType.JSON);
    }
}
