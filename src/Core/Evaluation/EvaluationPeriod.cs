namespace MLOps.Core.Evaluation;

/// <summary>The held-out period an evaluation covers, half-open: [<see cref="Start"/>, <see cref="End"/>).</summary>
public sealed record EvaluationPeriod
{
    public EvaluationPeriod(DateTimeOffset start, DateTimeOffset end)
    {
        if (end <= start)
        {
            throw new ArgumentException($"An evaluation period must end after it starts (start {start:O}, end {end:O}).", nameof(end));
        }

        Start = start;
        End = end;
    }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    public double Days => (End - Start).TotalDays;

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;
}
