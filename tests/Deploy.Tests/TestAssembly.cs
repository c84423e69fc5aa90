// The jsii kernel (the CDK running in Node) is one process-wide pipe that does not take concurrent calls.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
