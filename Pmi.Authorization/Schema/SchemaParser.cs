using Pmi.Authorization.Model;
using Pmi.Authorization.Parsing;

namespace Pmi.Authorization.Schema;

/// <summary>Parser for the human-readable Cedar schema syntax.</summary>
internal sealed partial class SchemaParser
{
    private readonly List<Token> _tokens;
    private readonly SchemaBuilder _builder = new();
    private readonly List<Action> _fixups = [];
    private int _pos;

    private SchemaParser(List<Token> tokens) => _tokens = tokens;

    private Token Current => _tokens[_pos];

    public static SchemaBuilder Parse(string text)
    {
        var p = new SchemaParser(Lexer.Tokenize(text));
        while (p.Current.Kind != TokenKind.End)
        {
            p.SkipAnnotations();
            if (p.IsWord("namespace"))
            {
                p.Advance();
                var ns = p.ParsePath();
                p.Expect(TokenKind.LBrace, "'{'");
                while (p.Current.Kind != TokenKind.RBrace)
                {
                    p.ParseDecl(ns);
                }

                p.Advance();
            }
            else
            {
                p.ParseDecl(string.Empty);
            }
        }

        foreach (var f in p._fixups)
        {
            f();
        }

        return p._builder;
    }

    private void ParseDecl(string ns)
    {
        SkipAnnotations();
        var kw = Expect(TokenKind.Ident, "entity, action or type");
        switch (kw.Text)
        {
            case "entity":
                ParseEntity(ns);
                break;
            case "action":
                ParseAction(ns);
                break;
            case "type":
                var name = Expect(TokenKind.Ident, "type name").Text;
                Expect(TokenKind.Assign, "'='");
                _builder.AddCommonType(SchemaBuilder.Qualify(ns, name), ParseType(ns, 0));
                Expect(TokenKind.Semi, "';'");
                break;
            default:
                throw Error(kw, $"expected entity, action or type, found '{kw.Text}'");
        }
    }

    private void ParseEntity(string ns)
    {
        var names = new List<string> { Expect(TokenKind.Ident, "entity type name").Text };
        while (Current.Kind == TokenKind.Comma)
        {
            Advance();
            names.Add(Expect(TokenKind.Ident, "entity type name").Text);
        }

        var defs = names.Select(n => new EntityTypeDef(SchemaBuilder.Qualify(ns, n))).ToList();
        if (IsWord("enum"))
        {
            Advance();
            Expect(TokenKind.LBracket, "'['");
            var values = new List<string>();
            while (Current.Kind == TokenKind.String)
            {
                values.Add(ParseString());
                if (Current.Kind != TokenKind.Comma)
                {
                    break;
                }

                Advance();
            }

            Expect(TokenKind.RBracket, "']'");
            defs.ForEach(d => d.EnumValues = values);
        }
        else
        {
            if (IsWord("in"))
            {
                Advance();
                var parents = ParsePathList();
                _fixups.Add(() => defs.ForEach(d => d.MemberOf.AddRange(parents.Select(p => _builder.ResolveEntityName(p, ns)))));
            }

            if (Current.Kind == TokenKind.Assign)
            {
                Advance();
            }

            if (Current.Kind == TokenKind.LBrace)
            {
                var attrs = ParseRecordType(ns, 0);
                defs.ForEach(d => d.Attributes = attrs);
            }

            if (IsWord("tags"))
            {
                Advance();
                var tags = ParseType(ns, 0);
                defs.ForEach(d => d.Tags = tags);
            }
        }

        Expect(TokenKind.Semi, "';'");
        defs.ForEach(_builder.AddEntityType);
    }

    private void ParseAction(string ns)
    {
        var actionType = SchemaBuilder.Qualify(ns, "Action");
        var names = new List<string> { ParseName() };
        while (Current.Kind == TokenKind.Comma)
        {
            Advance();
            names.Add(ParseName());
        }

        var defs = names.Select(n => new ActionDef(new EntityUid(actionType, n))).ToList();
        if (IsWord("in"))
        {
            Advance();
            var parents = new List<EntityUid>();
            if (Current.Kind == TokenKind.LBracket)
            {
                Advance();
                while (Current.Kind != TokenKind.RBracket)
                {
                    parents.Add(ParseActionRef(actionType));
                    if (Current.Kind != TokenKind.Comma)
                    {
                        break;
                    }

                    Advance();
                }

                Expect(TokenKind.RBracket, "']'");
            }
            else
            {
                parents.Add(ParseActionRef(actionType));
            }

            defs.ForEach(d => d.MemberOf.AddRange(parents));
        }

        if (IsWord("appliesTo"))
        {
            Advance();
            ParseAppliesTo(ns, defs);
        }

        if (IsWord("attributes"))
        {
            Advance();
            ParseRecordType(ns, 0);
        }

        Expect(TokenKind.Semi, "';'");
        defs.ForEach(_builder.AddAction);
    }

    private void ParseAppliesTo(string ns, List<ActionDef> defs)
    {
        Expect(TokenKind.LBrace, "'{'");
        List<string>? principals = null;
        List<string>? resources = null;
        SchemaType context = RecordType.Empty;
        while (Current.Kind != TokenKind.RBrace)
        {
            SkipAnnotations();
            var key = Expect(TokenKind.Ident, "principal, resource or context");
            Expect(TokenKind.Colon, "':'");
            switch (key.Text)
            {
                case "principal":
                    principals = ParsePathList();
                    break;
                case "resource":
                    resources = ParsePathList();
                    break;
                case "context":
                    context = ParseType(ns, 0);
                    break;
                default:
                    throw Error(key, $"unexpected '{key.Text}' in appliesTo");
            }

            if (Current.Kind != TokenKind.Comma)
            {
                break;
            }

            Advance();
        }

        Expect(TokenKind.RBrace, "'}'");
        var p = principals ?? [];
        var r = resources ?? [];
        _fixups.Add(() =>
        {
            var pr = p.Select(x => _builder.ResolveEntityName(x, ns)).ToList();
            var rr = r.Select(x => _builder.ResolveEntityName(x, ns)).ToList();
            foreach (var d in defs)
            {
                d.PrincipalTypes = pr;
                d.ResourceTypes = rr;
                d.Context = context;
            }
        });
    }

    private EntityUid ParseActionRef(string defaultType)
    {
        if (Current.Kind == TokenKind.String)
        {
            return new EntityUid(defaultType, ParseString());
        }

        var parts = new List<string> { Expect(TokenKind.Ident, "action name").Text };
        while (Current.Kind == TokenKind.DoubleColon)
        {
            Advance();
            if (Current.Kind == TokenKind.String)
            {
                return new EntityUid(string.Join("::", parts), ParseString());
            }

            parts.Add(Expect(TokenKind.Ident, "identifier").Text);
        }

        return parts.Count == 1 ? new EntityUid(defaultType, parts[0]) : throw Error(Current, "expected an action reference");
    }
}
