package io.borderflow.inspection.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * One version of a risk ruleset: its content as a JSON document ({@link RulesetDataset}, immutable once stored) and
 * its activation. No activation time: a draft.
 */
@Entity
@Table(name = "ruleset")
public class RulesetEntity {
    @Id
    public long version;

    public String displayName;
    public String description;
    public OffsetDateTime createTime;
    /** When it decides from; null for a draft. */
    public OffsetDateTime activateTime;

    public String activatedBy;
    public int yellowFromScore;
    public int redFromScore;
    public double randomSampleRate;
    public String randomSampleBasis;
    /** SHA-256 of the seed file a version was loaded from; null for versions made through the API. */
    public String seedSha256;
    /** The request id of the CreateRuleset call that made it; null for seeded versions. */
    public String requestId;
    /** The subject of the caller who sent {@code requestId} (a request id is unique per requester only); null too. */
    public String requester;

    public String contentSha256;
    public String content;
}
