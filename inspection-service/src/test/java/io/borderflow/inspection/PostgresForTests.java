package io.borderflow.inspection;

import io.borderflow.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/** Registers the shared PostgreSQL test resource for every @QuarkusTest of this module. */
@QuarkusTestResource(PostgresTestResource.class)
public class PostgresForTests {
}
