using System.Globalization;
using MLOps.Core.Alerting;
using MLOps.Core.Detection;
using MLOps.Core.Evaluation;
using MLOps.Core.Features;
using MLOps.Core.Paging;
using MLOps.Core.Training;

namespace MLOps.Modeling.Training;

/// <summary>How <see cref="TrainingPipeline"/> labels, splits, trains and picks the alert threshold.</summary>
public sealed record TrainingPipelineOptions
{
    /// <summary>A window is positive when an incident is under way within this time after it.</summary>
    public TimeSpan Horizon { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Share of the training window (by time, from its start) the models fit on.</summary>
    public double TrainFraction { get; init; } = 0.6;

    /// <summary>Share after the train part that picks the threshold; the rest is the test part.</summary>
    public double ValidationFraction { get; init; } = 0.2;

    public FastTreeOptions FastTree { get; init; } = new();

    /// <summary>Rank of the randomized PCA baseline (capped at the feature count).</summary>
    public int PcaRank { get; init; } = 8;

    /// <summary>The isolation forest baseline: trees, subsample per tree and its own seed.</summary>
    public IsolationForestOptions IsolationForest { get; init; } = new();

    /// <summary>
    /// Subsample sizes the isolation forest tries, judged on validation (<see cref="IsolationForestSelection"/>);
    /// <see cref="IsolationForestOptions.SubsampleSize"/> stands when validation has no incident to judge by.
    /// </summary>
    public IReadOnlyList<int> IsolationForestSubsampleCandidates { get; init; } = [256, 1024, 2048, 4096];

    /// <summary>
    /// How the threshold is chosen on validation data: by pager budget (default) or by a target window precision with
    /// a recall floor (<see cref="ThresholdSelectionOptions.Mode"/>).
    /// </summary>
    public ThresholdSelectionOptions Threshold { get; init; } = new();

    /// <summary>The online alert policy validation pages are simulated with; it should match the scoring job's.</summary>
    public AlertPolicyOptions AlertPolicy { get; init; } = new();

    /// <summary>On-call shifts pages are counted in (default 12 h from 08:00 and 20:00 UTC).</summary>
    public ShiftSchedule Shifts { get; init; } = ShiftSchedule.Default;

    /// <summary>Pages one group may receive per shift (default 2 in every shift).</summary>
    public PagerBudget PagerBudget { get; init; } = PagerBudget.Default;

    /// <summary>Most thresholds the pager-budget selector replays per detector.</summary>
    public int PagerBudgetCandidates { get; init; } = 200;

    /// <summary>When a detector is no better than chance on validation and so never the candidate.</summary>
    public CandidateSelectionOptions Candidates { get; init; } = new();

    /// <summary>
    /// Share of validation windows a detector may alert on when validation has no positive window (a service
    /// without labels): the threshold is then that upper quantile of its validation scores.
    /// </summary>
    public double UnlabeledAlertShare { get; init; } = 0.005;

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Horizon, TimeSpan.Zero, nameof(Horizon));
        if (TrainFraction <= 0 || ValidationFraction <= 0 || TrainFraction + ValidationFraction >= 1)
        {
            throw new ArgumentException(
                $"Fractions must satisfy 0 < train, 0 < validation and train + validation < 1 (a test part must remain); got {TrainFraction} and {ValidationFraction}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(PcaRank, 1, nameof(PcaRank));
        FastTree.Validate();
        IsolationForest.Validate();
        if (IsolationForestSubsampleCandidates is null || IsolationForestSubsampleCandidates.Count == 0)
        {
            throw new ArgumentException("At least one isolation forest subsample size is needed.", nameof(IsolationForestSubsampleCandidates));
        }

        foreach (var size in IsolationForestSubsampleCandidates)
        {
            (IsolationForest with { SubsampleSize = size }).Validate();
        }

        if (!(UnlabeledAlertShare is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(UnlabeledAlertShare), UnlabeledAlertShare, "Must be in (0, 1).");
        }

        Threshold.Validate();
        var problems = PagerBudgetSelection().Validate().Concat(Candidates.Validate()).ToArray();
        if (problems.Length > 0)
        {
            throw new ArgumentException(string.Join(" ", problems));
        }
    }

    /// <summary>The pager-budget selector's options: this alert policy, shifts and budget, and the label horizon.</summary>
    public PagerBudgetSelectionOptions PagerBudgetSelection() =>
        new(AlertPolicy, new PageReportOptions(Horizon) { Schedule = Shifts, Budget = PagerBudget }) { MaxCandidates = PagerBudgetCandidates };

    /// <summary>Everything that shapes the trained model, as recorded in the manifest and in MLflow.</summary>
    public IReadOnlyDictionary<string, string> ToParameters()
    {
        var parameters = new Dictionary<string, string>(FastTree.ToParameters(), StringComparer.Ordinal)
        {
            ["horizon_minutes"] = Horizon.TotalMinutes.ToString("R", CultureInfo.InvariantCulture),
            ["split.train_fraction"] = TrainFraction.ToString("R", CultureInfo.InvariantCulture),
            ["split.validation_fraction"] = ValidationFraction.ToString("R", CultureInfo.InvariantCulture),
            ["pca.rank"] = PcaRank.ToString(CultureInfo.InvariantCulture),
            ["isolation_forest.trees"] = IsolationForest.Trees.ToString(CultureInfo.InvariantCulture),
            ["isolation_forest.subsample"] = IsolationForest.SubsampleSize.ToString(CultureInfo.InvariantCulture),
            ["isolation_forest.subsample_candidates"] = string.Join(',', IsolationForestSubsampleCandidates.Select(size => size.ToString(CultureInfo.InvariantCulture))),
            ["isolation_forest.seed"] = IsolationForest.Seed.ToString(CultureInfo.InvariantCulture),
            ["threshold.mode"] = Threshold.Mode.ToString(),
            ["pager_budget.pages_per_shift"] = PagerBudget.PagesPerShift.ToString(CultureInfo.InvariantCulture),
            ["pager_budget.rule"] = PagerBudget.Rule.ToString(),
            ["pager_budget.shift_hours"] = Shifts.ShiftLength.TotalHours.ToString("R", CultureInfo.InvariantCulture),
            ["pager_budget.first_shift_start"] = Shifts.FirstShiftStart.ToString("c", CultureInfo.InvariantCulture),
            ["pager_budget.time_zone"] = Shifts.TimeZone.Id,
            ["pager_budget.candidates"] = PagerBudgetCandidates.ToString(CultureInfo.InvariantCulture),
            ["alert_policy.grouping_minutes"] = AlertPolicy.GroupingWindow.TotalMinutes.ToString("R", CultureInfo.InvariantCulture),
            ["alert_policy.resolve_after_quiet_windows"] = AlertPolicy.ResolveAfterQuietWindows.ToString(CultureInfo.InvariantCulture),
            ["alert_policy.window_step_minutes"] = AlertPolicy.WindowStep.TotalMinutes.ToString("R", CultureInfo.InvariantCulture),
            ["candidate.minimum_roc_auc"] = Candidates.MinimumRocAuc.ToString("R", CultureInfo.InvariantCulture),
            ["candidate.minimum_pr_auc_lift"] = Candidates.MinimumPrAucLift.ToString("R", CultureInfo.InvariantCulture),
            ["threshold.target_precision"] = Threshold.TargetPrecision.ToString("R", CultureInfo.InvariantCulture),
            ["threshold.minimum_recall"] = Threshold.MinimumRecall.ToString("R", CultureInfo.InvariantCulture),
            ["threshold.unlabeled_alert_share"] = UnlabeledAlertShare.ToString("R", CultureInfo.InvariantCulture),
            ["missing_values"] = MissingValues.PolicyName,
        };
        return parameters;
    }
}
