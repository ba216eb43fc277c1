-- A visit's expected handling is its decision's, and nothing else. Before, a truck without a decision was stored with
-- a constant of checkpoint-service's (2 h unknown, 45 min for any RED), frozen into its row; now it stays null until
-- inspection-service decides, and the status fills the gap with the active ruleset's figure when it is computed.
alter table truck_visit alter column expected_handling_seconds drop not null;
update truck_visit set expected_handling_seconds = null where not decision_received;
