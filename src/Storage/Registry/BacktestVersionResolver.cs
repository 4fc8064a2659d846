using MLOps.Core;
using MLOps.Core.Backtest;

namespace MLOps.Storage.Registry;

/// <summary>
/// Finds the versions a backtest replays in the registry. The candidate, when none is named, is the version on
/// shadow, else the one on secondary, else the newest registered one: the version on its way to champion.
/// </summary>
public sealed class BacktestVersionResolver(ModelVersionStore versions, ModelStageStore stages)
{
    /// <exception cref="BacktestRefusedException">The model, the version or the champion is not there, or the version is the champion itself.</exception>
    public async Task<IReadOnlyList<(BacktestRole Role, RegisteredModelVersion Version, ModelStage? Stage)>> ResolveAsync(
        BacktestRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var newest = await versions.ListAsync(request.Model, 1, cancellationToken);
        if (newest.Count == 0)
        {
            throw new BacktestRefusedException(new BacktestProblem("model", $"The registry has no version of model {request.Model}."), notFound: true);
        }

        var assignments = await stages.ListAsync(request.Model, cancellationToken);
        var candidate = await CandidateAsync(request, newest[0], assignments, cancellationToken);
        var resolved = new List<(BacktestRole, RegisteredModelVersion, ModelStage?)> { (BacktestRole.Candidate, candidate, StageOf(candidate.Version, assignments)) };
        if (!request.AgainstChampion)
        {
            return resolved;
        }

        var champion = assignments.FirstOrDefault(assignment => assignment.Stage == ModelStage.Champion)
            ?? throw new BacktestRefusedException(new BacktestProblem("againstChampion", $"Model {request.Model} has no champion to compare with."), notFound: true);
        if (champion.Version == candidate.Version)
        {
            throw new BacktestRefusedException(
                new BacktestProblem("version", $"Version {candidate.Version} of {request.Model} is the champion; name another version, or leave out the comparison."), notFound: false);
        }

        var championVersion = await versions.FindAsync(request.Model, champion.Version, cancellationToken)
            ?? throw new BacktestRefusedException(new BacktestProblem("againstChampion", $"The champion of {request.Model}, version {champion.Version}, is not in the registry."), notFound: true);
        resolved.Add((BacktestRole.Champion, championVersion, ModelStage.Champion));
        return resolved;
    }

    private async Task<RegisteredModelVersion> CandidateAsync(
        BacktestRequest request, RegisteredModelVersion newest, IReadOnlyList<StageAssignment> assignments, CancellationToken cancellationToken)
    {
        if (request.Version is { } named)
        {
            return await versions.FindAsync(request.Model, named, cancellationToken)
                ?? throw new BacktestRefusedException(new BacktestProblem("version", $"Model {request.Model} has no version {named}."), notFound: true);
        }

        var onItsWay = assignments.FirstOrDefault(assignment => assignment.Stage == ModelStage.Shadow)
            ?? assignments.FirstOrDefault(assignment => assignment.Stage == ModelStage.Secondary);
        return onItsWay is null ? newest : await versions.FindAsync(request.Model, onItsWay.Version, cancellationToken) ?? newest;
    }

    private static ModelStage? StageOf(string version, IReadOnlyList<StageAssignment> assignments) =>
        assignments.FirstOrDefault(assignment => assignment.Version == version)?.Stage;
}
