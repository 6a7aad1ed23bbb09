using Unbuilt.FlagEngine;

namespace Unbuilt.FlagEngine.Tests;

public sealed class VectorTests
{
    [Fact]
    public void The_vector_file_is_version_1_and_not_empty()
    {
        Assert.Equal(1, Vectors.Data.Version);
        Assert.NotEmpty(Vectors.Data.Murmur);
        Assert.NotEmpty(Vectors.Data.Buckets);
        Assert.NotEmpty(Vectors.Data.Evaluations);
    }

    [Theory]
    [MemberData(nameof(Vectors.MurmurNames), MemberType = typeof(Vectors))]
    public void Murmur3(string name)
    {
        MurmurVector vector = Vectors.Data.Murmur.Single(v => v.Name == name);

        Assert.Equal(vector.ExpectedHash, MurmurHash3.X86_32(vector.Bytes, vector.Seed));
    }

    [Theory]
    [MemberData(nameof(Vectors.BucketNames), MemberType = typeof(Vectors))]
    public void Bucket_of(string name)
    {
        BucketVector vector = Vectors.Data.Buckets.Single(v => v.Name == name);

        Assert.Equal(vector.Bucket, Bucket.For(vector.Flag, vector.UserId));
        Assert.Equal(vector.Bucket, Bucket.For(System.Text.Encoding.UTF8.GetBytes(vector.Flag), vector.UserId));
    }

    [Theory]
    [MemberData(nameof(Vectors.EvaluationNames), MemberType = typeof(Vectors))]
    public void Evaluation(string name)
    {
        EvaluationVector vector = Vectors.Data.Evaluations.Single(v => v.Name == name);
        FlagSnapshot snapshot = Vectors.Snapshot;

        Evaluation byName = FlagEvaluator.Evaluate(snapshot, vector.Flag, vector.Context);
        Evaluation resolved = FlagEvaluator.Evaluate(snapshot.Find(vector.Flag), vector.Context);

        Assert.Equal(vector.Expected.Reason, byName.ReasonName);
        Assert.Equal(vector.Expected.Enabled, byName.Enabled);
        Assert.Equal(vector.Expected.Bucket, byName.Bucket);
        Assert.Equal(byName, resolved);
    }
}
