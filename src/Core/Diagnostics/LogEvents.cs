namespace MLOps.Core.Diagnostics;

/// <summary>
/// Every event id the platform logs with, in one place, so each id means one message and an operator's log search
/// (<c>EventId = 3131</c>: "cannot connect to Temporal") finds exactly that. Ranges by area; a new message takes the
/// next free id of its area. A test reads every <c>[LoggerMessage]</c> of the product by reflection and fails on a
/// collision or an id that is not listed here.
/// </summary>
public static class LogEvents
{
    // 1000-1099: database schema.
    public const int SchemaMigrated = 1001;

    // 1100-1199: telemetry storage.
    public const int TelemetryBatchStored = 1101;
    public const int TelemetryBatchRetried = 1102;

    // 1200-1299: Prometheus pull.
    public const int PrometheusPulled = 1201;
    public const int PrometheusSeriesSkipped = 1202;

    // 3100-3199: Temporal connection, workers, schedules and search attributes.
    public const int TemporalDisabled = 3100;
    public const int ScheduleCreated = 3101;
    public const int ScheduleUpdated = 3102;
    public const int SchedulesUnsupported = 3104;
    public const int MlflowNotConfigured = 3103;
    public const int SearchAttributesPresent = 3111;
    public const int SearchAttributesRegistered = 3112;
    public const int SearchAttributesNotRegistered = 3113;
    public const int TemporalBootstrapFailed = 3121;
    public const int TemporalConnectFailed = 3131;
    public const int TemporalConnected = 3132;
    public const int TemporalWorkerStarting = 3141;
    public const int TemporalWorkerFailed = 3142;

    // 4000-4099: lifecycle audit.
    public const int AuditRecorded = 4001;
    public const int AuditAlreadyRecorded = 4002;

    // 4100-4149: MLflow client, runs, versions and aliases.
    public const int MlflowRetrying = 4101;
    public const int MlflowExperimentCreated = 4102;
    public const int MlflowRegisteredModelCreated = 4103;
    public const int MlflowBatchLogged = 4104;
    public const int MlflowCallFailed = 4105;
    public const int MlflowAliasSet = 4110;
    public const int MlflowAliasAlreadySet = 4111;
    public const int MlflowAliasCleared = 4112;
    public const int MlflowAliasNotSet = 4113;
    public const int MlflowRunCreated = 4120;
    public const int MlflowRunResumed = 4121;
    public const int MlflowRunAlreadyLogged = 4122;
    public const int MlflowVersionRegistered = 4130;
    public const int MlflowVersionAlreadyRegistered = 4131;

    // 4150-4199: the platform's model registry.
    public const int VersionRegistered = 4150;
    public const int StageSet = 4151;
    public const int StageCleared = 4152;

    // 4200-4299: alert delivery.
    public const int OutboxDelivered = 4201;
    public const int OutboxAttemptFailed = 4202;
    public const int OutboxDeadLettered = 4203;

    // 4300-4399: training.
    public const int ModelStored = 4301;
    public const int ModelReused = 4302;
    public const int SnapshotStored = 4311;
    public const int ChampionNotComparable = 4312;
    public const int TrainingWindowNarrowed = 4313;

    // 4400-4499: on-call commands through the API.
    public const int CommandAccepted = 4401;
    public const int CommandNotCarriedOut = 4402;

    // 4500-4599: the API under hostile input and outages.
    public const int PostgresUnreachable = 4501;
    public const int PostgresReachableAgain = 4502;
    public const int FailedKeyAttemptsLimited = 4503;

    // 4600-4649: page-level quality in training and gates (issue 13).
    public const int NoCandidate = 4600;

    // 4650-4699: backtests.
    public const int BacktestFinished = 4650;

    // 4700-4799: on-call feedback (verdicts, Slack interactivity, PagerDuty webhooks, feedback labels).
    public const int VerdictRecorded = 4701;
    public const int VerdictRepeated = 4702;
    public const int WebhookRefused = 4710;
    public const int WebhookNotConfigured = 4711;
    public const int WebhookIgnored = 4712;
    public const int SlackMessageNotUpdated = 4720;
    public const int PagerDutyEventRecorded = 4730;
    public const int PagerDutyEventDuplicate = 4731;
    public const int FeedbackLabelsApplied = 4740;

    // 4800-4899: MLflow publishing made idempotent and resumable, run artifacts.
    public const int MlflowCreateAnswerLost = 4800;
    public const int MlflowDuplicateRunClosed = 4801;
    public const int MlflowRunFailedPartWay = 4802;
    public const int MlflowRunNotMarkedFailed = 4803;
    public const int MlflowRunArtifactsWritten = 4804;

    // 5000-5099: online scoring.
    public const int ServedModelLoaded = 5001;
    public const int ServedModelLoadFailed = 5002;
    public const int ServedModelKept = 5003;
    public const int ScoringPass = 5010;
}
