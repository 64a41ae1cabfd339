-- The web app's job page lists a job's images (GET /images?job=…) until the gallery has stored them all.
create index images_user_job on images (user_id, job_id) where deleted_at is null and job_id is not null;
