package dev.atelier.gallery;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.events.StorageKeys;
import dev.atelier.gallery.config.GalleryConfig;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Uploads through the API, and what they left in the real bucket and database. */
@ApplicationScoped
public class UploadFixtures {
    private final S3Client s3;
    private final Pool pool;
    private final String bucket;

    public UploadFixtures(S3Client s3, Pool pool, GalleryConfig config) {
        this.s3 = s3;
        this.pool = pool;
        this.bucket = config.bucket();
    }

    /** POST /api/v1/uploads with the file as part {@code file}, declared with {@code contentType}. */
    public Response upload(UUID userId, String fileName, byte[] bytes, String contentType, String style, String name) {
        var request = given().auth().oauth2(GalleryFixtures.token(userId))
                .multiPart("file", fileName, bytes, contentType);
        if (style != null) {
            request.multiPart("style", style);
        }
        if (name != null) {
            request.multiPart("name", name);
        }
        return request.when().post("/api/v1/uploads");
    }

    public Response upload(UUID userId, String fileName, byte[] bytes, String contentType) {
        return upload(userId, fileName, bytes, contentType, null, null);
    }

    /** Uploads a valid image and returns its id. */
    public UUID uploaded(UUID userId, String fileName, byte[] bytes, String contentType) {
        String id = upload(userId, fileName, bytes, contentType).then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    /** Every object key under the user's folder. */
    public List<String> objects(UUID userId) {
        return s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(StorageKeys.userPrefix(userId)))
                .contents().stream().map(S3Object::key).sorted().toList();
    }

    /** Every object under the user's folder as {@code key@etag}: a rewritten object shows. */
    public List<String> objectsWithETags(UUID userId) {
        return s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(StorageKeys.userPrefix(userId)))
                .contents().stream().map(object -> object.key() + "@" + object.eTag()).sorted().toList();
    }

    public byte[] object(String key) {
        return s3.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asByteArray();
    }

    public String contentType(String key) {
        return s3.headObject(request -> request.bucket(bucket).key(key)).contentType();
    }

    /** Rows in {@code images} of the user, trashed or not. */
    public long imageRows(UUID userId) {
        return query("select count(*) from images where user_id = $1", userId).iterator().next().getLong(0);
    }

    public RowSet<Row> query(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(args)).await().indefinitely();
    }
}
