#!/usr/bin/env python3
"""otlp-reference.py: an independent reader of the OTLP fixtures, in plain Python.

It shares no code with the Swift reader: JSON through the `json` module (documents found with
`raw_decode`, whatever the lines), protobuf through the official runtime (`opentelemetry-proto`,
then `MessageToDict`), and the mapping of traces to runs written again from issue 17's rules:

  run      one trace, spans grouped by trace id over all the files of a group
  root     the earliest span without a parent (absent, empty, all zeros), else the earliest
           whose parent is not in the trace; a span id read twice counts once
  steps    the root's direct children by start time (the root itself when it has none)
  failure  the step's own status is ERROR
  error    error.type, else the last exception event's exception.type, else the status message
  latency  (end - start) / 1e6 ms
  tokens   own: gen_ai.usage.input+output, llm.token_count.total, llm.token_count.prompt+completion,
           gen_ai.usage.prompt+completion; else the sum of the children's, counted the same way
  model    gen_ai.response.model, gen_ai.request.model, llm.model_name; else the first below
  version  resource service.version; root langfuse.version, metadata.prompt_version,
           traceloop.association.properties.prompt_version; any span's llm.prompt_template.version
  case     root session.id, langfuse.session.id, gen_ai.conversation.id, metadata.case_id,
           traceloop.association.properties.case_id
  input    root input.value, traceloop.entity.input, gen_ai.retrieval.query.text (200 characters)

It writes fixtures/otlp/expected.json (per group, version and step: step records, failures,
error types, and the exact latency p50 and p95 at the gate's rank; per version: runs and failed
runs) and fixtures/otlp/native/GROUP.jsonl, the same
steps in the native (failure-forensics) format, records in the order the gate hands them on
(traces as first read, steps by start time). Run it after scripts/generate-otlp-fixtures, with
the same Python (it needs opentelemetry-proto for the protobuf files):

    /tmp/otel-venv/bin/python scripts/otlp-reference.py          # rewrite the files
    /tmp/otel-venv/bin/python scripts/otlp-reference.py --check  # compare, exit 1 on a difference
"""
import base64
import datetime
import json
import os
import re
import struct
import sys

from google.protobuf.json_format import MessageToDict
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "otlp")
GROUPS = {
    "combined": ["combined-1.otlp.jsonl", "combined-2.otlp.jsonl"],
    "openinference": ["openinference.json"],
    "genai": ["genai.pb"],
    "traceloop": ["traceloop.binpb"],
    "variants": ["variants.json"],
}


def camel(key):
    return re.sub(r"_([a-z])", lambda m: m.group(1).upper(), key)


def camel_keys(value):
    if isinstance(value, dict):
        return {camel(k): camel_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [camel_keys(v) for v in value]
    return value


def requests_in(path):
    """The requests of a file, as dicts with camelCase keys."""
    data = open(path, "rb").read()
    if path.endswith(".pb"):
        return [MessageToDict(ExportTraceServiceRequest.FromString(data))]
    if path.endswith(".binpb"):
        out, i = [], 0
        while i < len(data):
            (n,) = struct.unpack(">I", data[i:i + 4])
            out.append(MessageToDict(ExportTraceServiceRequest.FromString(data[i + 4:i + 4 + n])))
            i += 4 + n
        return out
    text, decoder, out, i = data.decode("utf-8"), json.JSONDecoder(), [], 0
    while True:
        while i < len(text) and text[i] in " \t\r\n":
            i += 1
        if i == len(text):
            return out
        doc, i = decoder.raw_decode(text, i)
        out.append(camel_keys(doc))


def id_bytes(text, n):
    if not text:
        return b""
    if len(text) == 2 * n and re.fullmatch(r"[0-9a-fA-F]+", text):
        return bytes.fromhex(text)
    return base64.b64decode(text.replace("-", "+").replace("_", "/") + "=" * (-len(text) % 4))


def any_value(v):
    if "stringValue" in v: return v["stringValue"]
    if "boolValue" in v: return bool(v["boolValue"])
    if "intValue" in v: return int(v["intValue"])
    if "doubleValue" in v: return float(v["doubleValue"])
    if "arrayValue" in v: return [any_value(x) for x in v["arrayValue"].get("values", [])]
    if "kvlistValue" in v: return {kv["key"]: any_value(kv.get("value", {})) for kv in v["kvlistValue"].get("values", [])}
    if "bytesValue" in v: return base64.b64decode(v["bytesValue"])
    return None


def attrs(items):
    out = {}
    for kv in items or []:
        out[kv["key"]] = any_value(kv.get("value", {}))
    return out


def text(v):
    if isinstance(v, bool): return "true" if v else "false"
    if isinstance(v, int): return str(v)
    if isinstance(v, str): return v
    return None


STATUS = {"STATUS_CODE_UNSET": 0, "STATUS_CODE_OK": 1, "STATUS_CODE_ERROR": 2}


def spans_of(request, seq):
    for rs in request.get("resourceSpans", []):
        resource = attrs(rs.get("resource", {}).get("attributes"))
        for ss in rs.get("scopeSpans", []) + rs.get("instrumentationLibrarySpans", []):
            for s in ss.get("spans", []):
                code = s.get("status", {}).get("code", 0)
                parent = id_bytes(s.get("parentSpanId", ""), 8)
                events = []
                for e in s.get("events", []):
                    events.append((e.get("name", ""), attrs(e.get("attributes"))))
                yield {
                    "trace": id_bytes(s["traceId"], 16).hex(),
                    "id": id_bytes(s["spanId"], 8),
                    "parent": None if parent in (b"", b"\0" * 8) else parent,
                    "name": s.get("name", ""),
                    "start": int(s.get("startTimeUnixNano", 0)),
                    "end": int(s.get("endTimeUnixNano", 0)),
                    "error": STATUS.get(code, code) == 2,
                    "message": s.get("status", {}).get("message", ""),
                    "attrs": attrs(s.get("attributes")),
                    "events": events,
                    "resource": resource,
                    "seq": next(seq),
                }


def metadata(span, key):
    try:
        m = json.loads(span["attrs"].get("metadata"))
    except (TypeError, ValueError):
        return None
    if isinstance(m, dict) and isinstance(m.get(key), (str, int, float)) and not isinstance(m.get(key), bool):
        return str(m[key]) if not isinstance(m[key], str) else m[key]
    return None


def first(*values):
    for v in values:
        if v:
            return v
    return None


def own_tokens(span):
    a = span["attrs"]
    for keys in (["gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens"], ["llm.token_count.total"],
                 ["llm.token_count.prompt", "llm.token_count.completion"],
                 ["gen_ai.usage.prompt_tokens", "gen_ai.usage.completion_tokens"]):
        vals = [a[k] for k in keys if isinstance(a.get(k), int) and not isinstance(a.get(k), bool)]
        if vals:
            return sum(vals)
    return None


def model(span):
    return first(*(text(span["attrs"].get(k)) for k in ("gen_ai.response.model", "gen_ai.request.model", "llm.model_name")))


def runs(group):
    seq = iter(range(10 ** 9))
    traces = {}
    for name in GROUPS[group]:
        for request in requests_in(os.path.join(HERE, name)):
            for span in spans_of(request, seq):
                traces.setdefault(span["trace"], []).append(span)
    for trace_id, read in traces.items():
        seen, spans = set(), []
        for s in read:
            if s["id"] not in seen:
                seen.add(s["id"])
                spans.append(s)
        spans.sort(key=lambda s: (s["start"], s["seq"]))
        ids = {s["id"] for s in spans}
        root = next((s for s in spans if s["parent"] is None), None) or next(s for s in spans if s["parent"] not in ids)
        children = {}
        for s in spans:
            if s["parent"] is not None and s is not root:
                children.setdefault(s["parent"], []).append(s)
        ra = root["attrs"]
        version = first(text(root["resource"].get("service.version")), text(ra.get("langfuse.version")),
                        metadata(root, "prompt_version"), text(ra.get("traceloop.association.properties.prompt_version")),
                        *(text(s["attrs"].get("llm.prompt_template.version")) for s in spans))
        if version is None:
            raise SystemExit("trace %s has no version" % trace_id)
        case = first(text(ra.get("session.id")), text(ra.get("langfuse.session.id")), text(ra.get("gen_ai.conversation.id")),
                     metadata(root, "case_id"), text(ra.get("traceloop.association.properties.case_id")))
        query = first(text(ra.get("input.value")), text(ra.get("traceloop.entity.input")), text(ra.get("gen_ai.retrieval.query.text")))

        def tokens(span):
            own = own_tokens(span)
            if own is not None:
                return own
            counts = [t for t in (tokens(c) for c in children.get(span["id"], [])) if t is not None]
            return sum(counts) if counts else None

        def below(span):
            out = []
            for c in children.get(span["id"], []):
                out.append(c)
                out += below(c)
            return sorted(out, key=lambda s: (s["start"], s["seq"]))

        steps = children.get(root["id"]) or [root]
        records = []
        for step in steps:
            error_type = None
            if step["error"]:
                exceptions = [e for n, e in step["events"] if n == "exception" and "exception.type" in e]
                error_type = first(text(step["attrs"].get("error.type")),
                                   text(exceptions[-1]["exception.type"]) if exceptions else None, step["message"])
            when = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(microseconds=step["start"] // 1000)
            records.append({
                "timestamp": when.isoformat(), "run_id": trace_id, "step_name": step["name"],
                "input_summary": query[:200] if query is not None else None, "output_summary": None,
                "latency_ms": (step["end"] - step["start"]) / 1e6, "token_count": tokens(step),
                "success": not step["error"], "error_type": error_type, "prompt_version": version,
                "model_name": model(step) or next((m for m in map(model, below(step)) if m), None), "case_id": case,
            })
        yield records


def main():
    check = "--check" in sys.argv
    expected, natives = {}, {}
    for group in GROUPS:
        versions, lines = {}, []
        for records in runs(group):
            v = versions.setdefault(records[0]["prompt_version"], {"runs": 0, "failed_runs": 0, "steps": {}})
            v["runs"] += 1
            v["failed_runs"] += any(not r["success"] for r in records)
            for r in records:
                s = v["steps"].setdefault(r["step_name"], {"records": 0, "failed": 0, "error_types": {}, "latencies": []})
                s["records"] += 1
                s["latencies"].append(r["latency_ms"])
                if not r["success"]:
                    s["failed"] += 1
                    if r["error_type"]:
                        s["error_types"][r["error_type"]] = s["error_types"].get(r["error_type"], 0) + 1
                lines.append(json.dumps(r, ensure_ascii=False))
        for v in versions.values():
            for s in v["steps"].values():
                # exact percentiles at the gate's rank, floor(q * (n - 1)) of the sorted latencies
                xs = sorted(s.pop("latencies"))
                s["latency_p50_ms"] = xs[int(0.5 * (len(xs) - 1))]
                s["latency_p95_ms"] = xs[int(0.95 * (len(xs) - 1))]
        expected[group] = versions
        natives[group] = "\n".join(lines) + "\n"
    files = {os.path.join(HERE, "expected.json"): json.dumps(expected, indent=2, sort_keys=True, ensure_ascii=False) + "\n"}
    for group, text_ in natives.items():
        files[os.path.join(HERE, "native", group + ".jsonl")] = text_
    differ = False
    for path, content in files.items():
        if check:
            old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
            if old != content:
                print("differs: %s" % os.path.relpath(path))
                differ = True
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(content)
            print("wrote %s" % os.path.relpath(path))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
