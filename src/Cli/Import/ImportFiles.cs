using System.IO.Compression;

namespace MLOps.Cli.Import;

/// <summary>Opens data files that may be gzip-compressed, reporting progress on the bytes read from disk.</summary>
internal static class ImportFiles
{
    public static Stream Open(string path, Action<double> progress)
    {
        var file = new ProgressStream(File.OpenRead(path), progress);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionMode.Decompress)
            : file;
    }

    /// <summary>The path of <paramref name="stem"/>.txt or, failing that, <paramref name="stem"/>.txt.gz in <paramref name="directory"/>.</summary>
    public static string FindText(string directory, string stem)
    {
        var plain = Path.Combine(directory, stem + ".txt");
        if (File.Exists(plain))
        {
            return plain;
        }

        var compressed = plain + ".gz";
        return File.Exists(compressed) ? compressed : throw new FileNotFoundException($"Neither {plain} nor {compressed} exists.", plain);
    }

    /// <summary>Passes reads through and reports the position as a fraction of the length.</summary>
    private sealed class ProgressStream(FileStream inner, Action<double> progress) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Report(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Report(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Report(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Report(int read)
        {
            progress(inner.Length == 0 ? 1 : (double)inner.Position / inner.Length);
            return read;
        }
    }
}
