using System.Globalization;
using System.Text;
using ApprovalsSample.Approvals;
using Microsoft.AspNetCore.Antiforgery;
using static System.Net.WebUtility;

namespace ApprovalsSample.Pages;

/// <summary>
/// The one page: who is signed in, an optional notice, and the approvals with who approved each and
/// when, an Approve button (a form with an anti-forgery token) on each pending one. Every value is
/// HTML-encoded; ids are stable for tests: <c>approval-&lt;id&gt;</c> rows with <c>status</c>,
/// <c>approved-by</c> and <c>approved-at</c> cells, <c>approve-&lt;id&gt;</c> buttons.
/// </summary>
internal static class ApprovalsPage
{
    public static IResult Render(HttpContext context, IReadOnlyList<Approval>? approvals, Notice? notice, AntiforgeryTokenSet form, int status = StatusCodes.Status200OK)
    {
        var user = context.User;
        var html = new StringBuilder("<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Online approvals</title>")
            .Append("<h1>Online approvals</h1>")
            .Append("<p>Signed in as <span id=\"user\">").Append(HtmlEncode(user.FindFirst("name")?.Value)).Append("</span> (<span id=\"login\">")
            .Append(HtmlEncode(user.FindFirst("preferred_username")?.Value ?? user.FindFirst("sub")?.Value)).Append("</span>). <a id=\"sign-out\" href=\"/sign-out\">Sign out</a></p>");
        if (notice is not null)
        {
            html.Append("<p role=\"alert\" id=\"").Append(HtmlEncode(notice.ElementId)).Append("\">").Append(HtmlEncode(notice.Text)).Append("</p>");
        }

        if (approvals is not null)
        {
            html.Append("<table id=\"approvals\"><thead><tr><th>Id</th><th>Application</th><th>Applicant</th><th>Status</th><th>Approved by</th><th>Approved at</th><th></th></tr></thead><tbody>");
            foreach (var approval in approvals)
            {
                Row(html, approval, form);
            }

            html.Append("</tbody></table>");
        }

        // The page shows who may do what: never in a frame of another site, never from a cache.
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Content(html.Append("</html>").ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    private static void Row(StringBuilder html, Approval approval, AntiforgeryTokenSet form)
    {
        var id = HtmlEncode(approval.Id);
        html.Append("<tr id=\"approval-").Append(id).Append("\"><td class=\"id\">").Append(id)
            .Append("</td><td class=\"title\">").Append(HtmlEncode(approval.Title))
            .Append("</td><td class=\"applicant\">").Append(HtmlEncode(approval.Applicant))
            .Append("</td><td class=\"status\">").Append(HtmlEncode(approval.Status))
            .Append("</td><td class=\"approved-by\">").Append(HtmlEncode(Approver(approval.ApprovedBy)))
            .Append("</td><td class=\"approved-at\">").Append(HtmlEncode(approval.ApprovedAt?.ToString("u", CultureInfo.InvariantCulture)))
            .Append("</td><td>");
        if (approval.Status == ApprovalStatus.Pending)
        {
            html.Append("<form method=\"post\" action=\"/approve/").Append(HtmlEncode(Uri.EscapeDataString(approval.Id))).Append("\">")
                .Append("<input type=\"hidden\" name=\"").Append(HtmlEncode(form.FormFieldName)).Append("\" value=\"").Append(HtmlEncode(form.RequestToken)).Append("\">")
                .Append("<button type=\"submit\" id=\"approve-").Append(id).Append("\">Approve</button></form>");
        }

        html.Append("</td></tr>");
    }

    // A person is shown by login; an application or a certificate holder by what kind of caller it was.
    private static string? Approver(Approver? approver) => approver switch
    {
        null => null,
        { Kind: "person" } => approver.Id,
        _ => $"{approver.Kind} {approver.Id}",
    };
}
