package io.borderflow.routing;

import io.borderflow.testsupport.DevIssuerTestResource;
import io.borderflow.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/** Registers the shared test resources for every @QuarkusTest of this module: PostgreSQL and the token issuer. */
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(DevIssuerTestResource.class)
public class SharedTestResources {}
