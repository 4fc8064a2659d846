namespace MLOps.Core.Detection;

/// <summary>The forest's compact binary form: equal forests give equal bytes, so a re-upload is a no-op.</summary>
public sealed partial class IsolationForestDetector
{
    private const int FormatVersion = 1;

    /// <summary>
    /// Writes little-endian int32 format version, width, subsample size and tree count, then per tree its node
    /// count and its nodes in preorder as (int32 feature or -1 for a leaf, float32 threshold or path length).
    /// Right children are not written: preorder with leaf marks determines them.
    /// </summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(FormatVersion);
        writer.Write(Width);
        writer.Write(SubsampleSize);
        writer.Write(_roots.Length);
        for (var tree = 0; tree < _roots.Length; tree++)
        {
            var end = tree + 1 < _roots.Length ? _roots[tree + 1] : _features.Length;
            writer.Write(end - _roots[tree]);
            for (var node = _roots[tree]; node < end; node++)
            {
                writer.Write(_features[node]);
                writer.Write(_values[node]);
            }
        }
    }

    /// <summary>Reads what <see cref="WriteTo"/> wrote, checking every tree is whole and every feature in range.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a forest in this format.</exception>
    public static IsolationForestDetector ReadFrom(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            var version = reader.ReadInt32();
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"Isolation forest format version {version} is not {FormatVersion}.");
            }

            var width = reader.ReadInt32();
            var subsampleSize = reader.ReadInt32();
            var treeCount = reader.ReadInt32();
            if (width < 1 || subsampleSize < 2 || treeCount < 1)
            {
                throw new InvalidDataException($"An isolation forest needs width >= 1, subsample >= 2 and a tree; got {width}, {subsampleSize}, {treeCount}.");
            }

            var roots = new int[treeCount];
            var features = new List<int>();
            var values = new List<float>();
            var rights = new List<int>();
            for (var tree = 0; tree < treeCount; tree++)
            {
                roots[tree] = features.Count;
                ReadTree(reader, tree, width, features, values, rights);
            }

            return new IsolationForestDetector(width, subsampleSize, roots, [.. features], [.. values], [.. rights]);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The isolation forest ends before its last tree.", e);
        }
    }

    private static void ReadTree(BinaryReader reader, int tree, int width, List<int> features, List<float> values, List<int> rights)
    {
        var count = reader.ReadInt32();
        if (count < 1)
        {
            throw new InvalidDataException($"Tree {tree} has {count} nodes.");
        }

        // Splits whose left subtree is being read; the node after a leaf is the right child of the latest of them.
        var open = new Stack<int>();
        var root = features.Count;
        for (var i = 0; i < count; i++)
        {
            var node = features.Count;
            var feature = reader.ReadInt32();
            var value = reader.ReadSingle();
            if (feature < Leaf || feature >= width || !float.IsFinite(value))
            {
                throw new InvalidDataException($"Node {i} of tree {tree} has feature {feature} and value {value}; the forest is {width} features wide.");
            }

            if (node > root && features[node - 1] == Leaf)
            {
                if (!open.TryPop(out var parent))
                {
                    throw new InvalidDataException($"Tree {tree} is complete before its node {i} of {count}.");
                }

                rights[parent] = node;
            }

            features.Add(feature);
            values.Add(value);
            rights.Add(Leaf);
            if (feature != Leaf)
            {
                open.Push(node);
            }
        }

        if (open.Count > 0 || features[^1] != Leaf)
        {
            throw new InvalidDataException($"Tree {tree} ends with splits missing a child.");
        }
    }
}
