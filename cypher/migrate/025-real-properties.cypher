// name: migrate/025-real-properties
// purpose: Once, for graphs written before schema 25: real-number properties (effectiveness, probabilities, seconds) stored as integers become floats, as every write now stores them.
// params: none
// returns: one row {migrated}
MATCH (n:Entity)
WHERE n.effectiveness IS :: INTEGER OR n.detectionProbability IS :: INTEGER
   OR n.delaySeconds IS :: INTEGER OR n.delayStdDevSeconds IS :: INTEGER
   OR n.responseForceTimeSeconds IS :: INTEGER OR n.responseForceStdDevSeconds IS :: INTEGER
   OR n.responseForceCommunicationProbability IS :: INTEGER
SET n.effectiveness = toFloat(n.effectiveness),
    n.detectionProbability = toFloat(n.detectionProbability),
    n.delaySeconds = toFloat(n.delaySeconds),
    n.delayStdDevSeconds = toFloat(n.delayStdDevSeconds),
    n.responseForceTimeSeconds = toFloat(n.responseForceTimeSeconds),
    n.responseForceStdDevSeconds = toFloat(n.responseForceStdDevSeconds),
    n.responseForceCommunicationProbability = toFloat(n.responseForceCommunicationProbability)
RETURN count(n) AS migrated
