using MLOps.Core.Evaluation;
using MLOps.Core.Telemetry;

namespace MLOps.Modeling.Training;

/// <summary>
/// Lays a detector's validation scores out as the pager simulation reads them: one row of windows per service, one
/// window per policy step from the earliest validation window end to the latest, NaN where a service has no window
/// (maintenance, gaps), which the online job would not have scored either.
/// </summary>
public sealed class ValidationScoreGrid
{
    private readonly int[] _cells;

    private ValidationScoreGrid(DateTimeOffset start, int windows, string[] services, int[] cells)
    {
        Start = start;
        Windows = windows;
        Services = services;
        _cells = cells;
    }

    public DateTimeOffset Start { get; }

    public int Windows { get; }

    public IReadOnlyList<string> Services { get; }

    /// <summary>The grid of the rows <paramref name="rows"/> of <paramref name="data"/> (a split part), with windows <paramref name="step"/> apart.</summary>
    /// <exception cref="ArgumentException">A window end is off the step grid (the features were built on another step).</exception>
    public static ValidationScoreGrid Of(LabeledWindows data, int[] rows, TimeSpan step)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero);
        if (rows.Length == 0)
        {
            return new ValidationScoreGrid(data.Split.Start, 0, [], []);
        }

        var start = rows.Min(row => data.WindowEnds[row]);
        var end = rows.Max(row => data.WindowEnds[row]);
        var windows = checked((int)((end - start).Ticks / step.Ticks) + 1);
        var services = rows.Select(row => data.Services[row]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var serviceIndex = services.Select((service, index) => (service, index)).ToDictionary(pair => pair.service, pair => pair.index, StringComparer.Ordinal);
        var cells = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var offset = data.WindowEnds[rows[i]] - start;
            if (offset.Ticks % step.Ticks != 0)
            {
                throw new ArgumentException($"Window end {data.WindowEnds[rows[i]]:O} of {data.Services[rows[i]]} is not a multiple of the alert policy's window step {step} after {start:O}.", nameof(step));
            }

            cells[i] = (serviceIndex[data.Services[rows[i]]] * windows) + (int)(offset.Ticks / step.Ticks);
        }

        return new ValidationScoreGrid(start, windows, services, cells);
    }

    /// <summary>
    /// The smallest gap between consecutive windows of one service: the data's scoring step (1 minute for the
    /// platform's telemetry, 5 for ASD), which the page simulation should step by; null with fewer than two windows.
    /// </summary>
    public static TimeSpan? SmallestStep(LabeledWindows data)
    {
        ArgumentNullException.ThrowIfNull(data);
        TimeSpan? smallest = null;
        for (var row = 1; row < data.Rows; row++)
        {
            var gap = data.WindowEnds[row] - data.WindowEnds[row - 1];
            if (data.Services[row] == data.Services[row - 1] && gap > TimeSpan.Zero && (smallest is null || gap < smallest))
            {
                smallest = gap;
            }
        }

        return smallest;
    }

    /// <summary>The selection input of one detector's scores of the same rows, in the same order.</summary>
    public PagerBudgetSelectionInput Input(IReadOnlyList<double> scores, IReadOnlyList<Incident> incidents)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(incidents);
        if (scores.Count != _cells.Length)
        {
            throw new ArgumentException($"{scores.Count} scores for {_cells.Length} rows.", nameof(scores));
        }

        var grid = new float[Services.Count * Windows];
        Array.Fill(grid, float.NaN);
        for (var i = 0; i < _cells.Length; i++)
        {
            grid[_cells[i]] = (float)scores[i];
        }

        return new PagerBudgetSelectionInput(Start, Windows, Services, grid, incidents, [], []);
    }
}
