package dev.atelier.image;

import static dev.atelier.image.Fixtures.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.restassured.path.json.JsonPath;

/** What the credit tests read: the account through the API, its row and the usage log in the database. */
public final class Credits {
    public static final String CREDITS = "/api/v1/credits";
    public static final String USAGE = CREDITS + "/usage";

    private Credits() {
    }

    /** GET /credits as the user. */
    public static JsonPath of(UUID user) {
        return as(user).get(CREDITS).then().statusCode(200).extract().jsonPath();
    }

    /** The account row, asserted to be consistent: remaining = total - used - held. */
    public static void assertAccount(UUID user, int total, int used, int held) {
        JsonPath credits = of(user);
        assertEquals(total, credits.getInt("total"), "total");
        assertEquals(used, credits.getInt("used"), "used");
        assertEquals(held, credits.getInt("held"), "held");
        assertEquals(total - used - held, credits.getInt("remaining"), "remaining");
    }

    /** The user's usage rows oldest first, as "kind amount balance". */
    public static List<String> usageRows(DataSource db, UUID user) {
        List<String> rows = new ArrayList<>();
        try (Connection connection = db.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select kind, amount, balance from usage_logs where user_id = ? order by created_at, id")) {
            statement.setObject(1, user);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1) + " " + result.getInt(2) + " " + result.getInt(3));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }
}
