using System.Globalization;
using System.IO.Compression;
using System.Text;
using MLOps.Core.Evaluation;
using MLOps.Core.Features;
using MLOps.Core.Feedback;
using MLOps.Core.Training;

namespace MLOps.Modeling.Training;

/// <summary>
/// The exact training set of one run: every usable feature window of every service with its label and the
/// split part its time falls in. Features are row-major, already through <see cref="MissingValues"/>.
/// </summary>
public sealed class LabeledWindows
{
    private float[] _features = new float[4_096];
    private readonly List<string> _services = [];
    private readonly List<DateTimeOffset> _windowEnds = [];
    private readonly List<float> _labels = [];
    private readonly List<SplitPart> _parts = [];

    public LabeledWindows(FeatureSet featureSet, TimeSplit split)
    {
        ArgumentNullException.ThrowIfNull(featureSet);
        ArgumentNullException.ThrowIfNull(split);
        FeatureSet = featureSet;
        Split = split;
        _lastValueColumns = [.. Enumerable.Range(0, featureSet.Columns.Count).Where(c => featureSet.Columns[c].Kind == FeatureKind.Last)];
    }

    private readonly int[] _lastValueColumns;

    public FeatureSet FeatureSet { get; }

    public TimeSplit Split { get; }

    public int Width => FeatureSet.Columns.Count;

    public int Rows => _labels.Count;

    public IReadOnlyList<string> Services => _services;

    public IReadOnlyList<DateTimeOffset> WindowEnds => _windowEnds;

    public IReadOnlyList<float> Labels => _labels;

    public IReadOnlyList<SplitPart> Parts => _parts;

    public ReadOnlySpan<float> Row(int row) => _features.AsSpan(row * Width, Width);

    /// <summary>What on-call's verdicts did to the windows added (summed over services); zero without verdicts.</summary>
    public FeedbackWindowCounts FeedbackWindows { get; private set; } = FeedbackWindowCounts.Zero;

    /// <summary>
    /// How many verdicts of each kind labeled this set and what they changed, as fixed metric names
    /// (<see cref="FeedbackEpisodeCounts.ToMetrics"/>, <see cref="FeedbackWindowCounts.ToMetrics"/>): recorded in the
    /// manifest and the MLflow run. Set when the set is prepared, and again by whoever loads a stored snapshot, since the
    /// stored rows carry the labels but not how they came about.
    /// </summary>
    public IReadOnlyDictionary<string, double> FeedbackCounts { get; set; } = new Dictionary<string, double>();

    /// <summary>
    /// Adds a service's windows: those inside maintenance (not <see cref="WindowLabels.Included"/>) or outside the
    /// split are left out; the rest get their part from <see cref="Split"/> by window end time.
    /// </summary>
    public void Add(FeatureMatrix matrix, WindowLabels labels)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(labels);
        if (matrix.FeatureSet.SchemaHash != FeatureSet.SchemaHash)
        {
            throw new ArgumentException($"Service '{matrix.Service}' was featurized with another feature set.", nameof(matrix));
        }

        FeedbackWindows += labels.Feedback;
        for (var row = 0; row < matrix.RowCount; row++)
        {
            var time = matrix.WindowEnd(row);
            var part = Split.PartOf(time);
            // A minute without any sample (a gap, or the off-minutes of a 5-minute series) is no window at all:
            // after the missing-value policy it would look like an all-zero machine.
            if (!labels.Included[row] || part == SplitPart.Outside || !Observed(matrix.Row(row)))
            {
                continue;
            }

            var target = Append(matrix.Service, time, labels.Labels[row], part);
            matrix.Row(row).CopyTo(target);
            MissingValues.ReplaceInPlace(target);
        }
    }

    /// <summary>Adds one row's keys and returns its feature slots for the caller to fill.</summary>
    private Span<float> Append(string service, DateTimeOffset windowEnd, float label, SplitPart part)
    {
        var at = Rows * Width;
        if (_features.Length < at + Width)
        {
            Array.Resize(ref _features, Math.Max(_features.Length * 2, at + Width));
        }

        _services.Add(service);
        _windowEnds.Add(windowEnd);
        _labels.Add(label);
        _parts.Add(part);
        return _features.AsSpan(at, Width);
    }

    private bool Observed(ReadOnlySpan<float> row)
    {
        foreach (var column in _lastValueColumns)
        {
            if (!float.IsNaN(row[column]))
            {
                return true;
            }
        }

        return _lastValueColumns.Length == 0;
    }

    public int CountRows(SplitPart part) => _parts.Count(p => p == part);

    public int CountPositives(SplitPart part) => Enumerable.Range(0, Rows).Count(row => _parts[row] == part && _labels[row] >= 0.5f);

    /// <summary>The rows of one part (every row when null), in the order they were added, with their indexes here.</summary>
    public (TrainingData Data, int[] Indexes) Select(SplitPart? part)
    {
        var indexes = Enumerable.Range(0, Rows).Where(row => part is null || _parts[row] == part).ToArray();
        var features = new float[indexes.Length * Width];
        var labels = new float[indexes.Length];
        for (var i = 0; i < indexes.Length; i++)
        {
            Row(indexes[i]).CopyTo(features.AsSpan(i * Width, Width));
            labels[i] = _labels[indexes[i]];
        }

        return (TrainingData.Create(features, Width, labels), indexes);
    }

    /// <summary>The time a part covers (the whole split when null): the period its rows are evaluated over.</summary>
    public EvaluationPeriod PeriodOf(SplitPart? part) => part switch
    {
        SplitPart.Train => new EvaluationPeriod(Split.Start, Split.TrainEnd),
        SplitPart.Validation => new EvaluationPeriod(Split.TrainEnd, Split.ValidationEnd),
        SplitPart.Test => new EvaluationPeriod(Split.ValidationEnd, Split.End),
        _ => new EvaluationPeriod(Split.Start, Split.End),
    };

    /// <summary>
    /// Writes the set as CSV: <c>split,label</c>, then <c>service,window_end</c> when <paramref name="withKeys"/>,
    /// then one column per feature. Numbers use the invariant round-trip format, so the file reproduces the set.
    /// </summary>
    public void WriteCsv(TextWriter writer, bool withKeys)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var line = new StringBuilder();
        line.Append("split,label");
        if (withKeys)
        {
            line.Append(",service,window_end");
        }

        foreach (var column in FeatureSet.Columns)
        {
            line.Append(',').Append(column.Name);
        }

        writer.Write(line.Append('\n'));
        for (var row = 0; row < Rows; row++)
        {
            line.Clear();
            line.Append(PartName(_parts[row])).Append(',').Append(_labels[row] >= 0.5f ? '1' : '0');
            if (withKeys)
            {
                line.Append(',').Append(_services[row]).Append(',').Append(_windowEnds[row].UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            }

            foreach (var value in Row(row))
            {
                line.Append(',').Append(value.ToString("R", CultureInfo.InvariantCulture));
            }

            writer.Write(line.Append('\n'));
        }
    }

    /// <summary>The keyed CSV, gzip-compressed with a fixed header (no name, no time) so equal sets give equal bytes.</summary>
    public byte[] ToCsvGz()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        using (var writer = new StreamWriter(gzip, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            WriteCsv(writer, withKeys: true);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Reads back a set written by <see cref="ToCsvGz"/>. The header must name exactly <paramref name="featureSet"/>'s
    /// columns (a set stored under another feature schema is refused), and every row's part must agree with
    /// <paramref name="split"/>.
    /// </summary>
    /// <exception cref="TrainingDataException">The file does not hold a training set of this feature set and split.</exception>
    public static LabeledWindows ReadCsvGz(byte[] csvGz, FeatureSet featureSet, TimeSplit split)
    {
        ArgumentNullException.ThrowIfNull(csvGz);
        var windows = new LabeledWindows(featureSet, split);
        using var reader = new StreamReader(new GZipStream(new MemoryStream(csvGz), CompressionMode.Decompress), Encoding.UTF8);
        var expected = string.Join(',', ["split", "label", "service", "window_end", .. featureSet.Columns.Select(c => c.Name)]);
        if (reader.ReadLine() != expected)
        {
            throw new TrainingDataException("The stored training set has other columns than this build's feature set.");
        }

        var width = windows.Width;
        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            var fields = text.Split(',');
            var part = SplitPart.Outside;
            if (fields.Length != width + 4
                || !DateTimeOffset.TryParse(fields[3], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                || (part = split.PartOf(time)) == SplitPart.Outside
                || PartName(part) != fields[0])
            {
                throw new TrainingDataException(string.Create(CultureInfo.InvariantCulture, $"Line {line} of the stored training set is malformed or lies outside its split part."));
            }

            var target = windows.Append(fields[2], time, fields[1] == "1" ? 1f : 0f, part);
            for (var j = 0; j < width; j++)
            {
                target[j] = float.Parse(fields[4 + j], CultureInfo.InvariantCulture);
            }
        }

        return windows;
    }

    public static string PartName(SplitPart part) => part switch
    {
        SplitPart.Train => "train",
        SplitPart.Validation => "validation",
        SplitPart.Test => "test",
        _ => throw new ArgumentOutOfRangeException(nameof(part), part, "Rows outside the split are not kept."),
    };
}
