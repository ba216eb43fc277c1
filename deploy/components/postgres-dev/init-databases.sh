#!/bin/sh
# Runs once, when the data volume is empty (the postgres image's /docker-entrypoint-initdb.d): one role and one
# database per service, the role owning its database (Flyway creates the schema as that role at the service's start).
set -eu
for service in checkpoint inspection routing; do
  password_var="$(echo "$service" | tr a-z A-Z)_DB_PASSWORD"
  eval "password=\${$password_var}"
  psql -v ON_ERROR_STOP=1 --username postgres --dbname postgres \
    -v role="$service" -v password="$password" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"role" OWNER :"role";
REVOKE ALL ON DATABASE :"role" FROM PUBLIC;
SQL
done
