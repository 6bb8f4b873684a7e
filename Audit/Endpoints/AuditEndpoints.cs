using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Security;

namespace Audit.Endpoints;

/// <summary>The audit trail's HTTP API (docs/audit-log.md).</summary>
internal static class AuditEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var audit = endpoints.MapGroup("/audit").WithTags("Audit trail");
        audit.MapGet("/checkpoint", CheckpointEndpoints.GetAsync).WithName("GetAuditCheckpoint").WithSummary("Latest signed checkpoint (or one of a given size)")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        audit.MapGet("/checkpoint/timestamp", CheckpointEndpoints.TimeStampAsync).WithName("GetAuditCheckpointTimeStamp").WithSummary("Time-stamp token of a checkpoint")
            .Produces(StatusCodes.Status200OK, contentType: TimeStamps.TimeStampReply.MediaType)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        audit.MapPost("/checkpoint", CheckpointEndpoints.PublishAsync).WithName("PublishAuditCheckpoint").WithSummary("Publish a checkpoint now")
            .RequireAuthorization(PlatformRoles.Administrator)
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status409Conflict);
        audit.MapGet("/verifier-key", CheckpointEndpoints.VerifierKey).WithName("GetAuditVerifierKey").WithSummary("The checkpoint verifier key (signed-note format)")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        audit.MapGet("/proof/inclusion", ProofEndpoints.InclusionAsync).WithName("GetAuditInclusionProof").WithSummary("Inclusion proof of an event")
            .Produces<InclusionProofResponse>().ProducesProblem(StatusCodes.Status400BadRequest);
        audit.MapGet("/proof/consistency", ProofEndpoints.ConsistencyAsync).WithName("GetAuditConsistencyProof").WithSummary("Consistency proof between two tree sizes")
            .Produces<ConsistencyProofResponse>().ProducesProblem(StatusCodes.Status400BadRequest);

        var events = audit.MapGroup("/events").RequireAuthorization(PlatformRoles.Auditor);
        events.MapGet("", EventEndpoints.SearchAsync).WithName("SearchAuditEvents").WithSummary("Search audit events")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblem(StatusCodes.Status400BadRequest);
        events.MapGet("/{index}", EventEndpoints.GetAsync).WithName("GetAuditEvent").WithSummary("Read one audit event")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblem(StatusCodes.Status404NotFound);
    }
}
