namespace MLOps.Core.Paging;

/// <summary>
/// What <see cref="PageFloors.Check"/> found. <see cref="Judged"/> is false when there were no page-level figures
/// to judge: then the floors neither pass nor fail, and callers must not treat that as a pass (a gate holds, an
/// override is needed) nor as a failure worth a rollback. <see cref="Notes"/> say what was not judged and why.
/// </summary>
public sealed record PageFloorVerdict(bool Judged, IReadOnlyList<string> Failures, IReadOnlyList<string> Notes)
{
    public bool Passed => Judged && Failures.Count == 0;
}
