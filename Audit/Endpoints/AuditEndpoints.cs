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
        audit.MapGet("/checkpoint", CheckpointEndpoints.GetAsync).WithName("GetAuditCheckpoint")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        audit.MapGet("/checkpoint/timestamp", CheckpointEndpoints.TimeStampAsync).WithName("GetAuditCheckpointTimeStamp")
            .Produces(StatusCodes.Status200OK, contentType: TimeStamps.TimeStampReply.MediaType)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        audit.MapPost("/checkpoint", CheckpointEndpoints.PublishAsync).WithName("PublishAuditCheckpoint")
            .RequireAuthorization(PlatformRoles.Administrator)
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status409Conflict);
        audit.MapGet("/verifier-key", CheckpointEndpoints.VerifierKey).WithName("GetAuditVerifierKey")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        audit.MapGet("/proof/inclusion", ProofEndpoints.InclusionAsync).WithName("GetAuditInclusionProof")
            .Produces<InclusionProofResponse>().ProducesProblem(StatusCodes.Status400BadRequest);
        audit.MapGet("/proof/consistency", ProofEndpoints.ConsistencyAsync).WithName("GetAuditConsistencyProof")
            .Produces<ConsistencyProofResponse>().ProducesProblem(StatusCodes.Status400BadRequest);

        var events = audit.MapGroup("/events").RequireAuthorization(PlatformRoles.Auditor);
        events.MapGet("", EventEndpoints.SearchAsync).WithName("SearchAuditEvents")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblem(StatusCodes.Status400BadRequest);
        events.MapGet("/{index}", EventEndpoints.GetAsync).WithName("GetAuditEvent")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblem(StatusCodes.Status404NotFound);
    }
}
