namespace Agentic.Testing;

/// <summary>How a test server runs: in a container when a Docker engine answers, else as a local binary.</summary>
public enum ServerMode
{
    Container,
    LocalProcess,
}
