using Agentic.ApprovalService.Manifest;

namespace Agentic.ApprovalService.Tests.Manifest;

/// <summary>Alone in its collection: it measures the process's allocations, which other tests would add to.</summary>
[Collection(AllocationCollection.Name)]
public class LargeManifestTests
{
    [Fact]
    public async Task ReadAsync_ManifestOverFiveMegabytes_AllocatesLessThanTheFile()
    {
        using var directory = new TempDirectory();
        var path = directory.File("manifest.json");
        await GeneratedManifest.WriteAsync(path, models: 200, columns: 10, macroBytes: 12 * 1024 * 1024);
        var size = new FileInfo(path).Length;
        Assert.True(size > 5 * 1024 * 1024, $"generated only {size} bytes");

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var manifest = await DbtManifestReader.ReadAsync(path, null);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(200, manifest.OfType("model").Count());
        // Reading the file into one string would allocate twice its size (UTF-16) by itself.
        Assert.True(allocated < size, $"allocated {allocated:N0} bytes reading a {size:N0}-byte manifest");
    }
}
