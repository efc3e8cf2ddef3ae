"""Standalone checker for w141 narrations: re-executes each program with sys.settrace,
records per-variable value histories (locals and self.<attr>), loop line hit counts, and
checks every claim of faithful items and the planted error of error copies."""
import json, sys, copy

FN = '<w141>'

def run_traced(code, call):
    hist = {}     # name -> list of values (appended when the value changes)
    hits = {}     # line number -> number of executions
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k.startswith('.'):
                continue
            if k == 'self' and hasattr(v, '__dict__'):
                for a, av in vars(v).items():
                    rec('self.' + a, av)
                continue
            rec(k, v)
    def rec(k, v):
        try:
            v = copy.deepcopy(v)
        except Exception:
            return
        h = hist.setdefault(k, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        snap(frame)
        if event == 'line':
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        return tracer
    g = {}
    exec(compile(code, FN, 'exec'), g)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, FN + 'call', 'eval'), g)
    finally:
        sys.settrace(None)
    return result, hist, hits

def plain(code, call):
    g = {}
    exec(code, g)
    return eval(call, g)

def lhs(expr):
    expr = expr.strip('`')
    for sep in (' = ', '=', ' is '):
        if sep in expr:
            return expr.split(sep)[0]
    return expr

def claim_true(c, hist, hits, result):
    w = c['what']
    val = c['value']
    if w == 'value':
        v = eval(val) if isinstance(val, str) else val
        h = hist.get(c['variable'], [])
        if c.get('changes'):
            # values of the entry that changed between successive snapshots of a dict
            seq = []
            for a, b in zip(h, h[1:]):
                seq += [b[k] for k in b if a.get(k, object()) != b[k]]
            return seq == v
        if c.get('seq'):
            n = len(v)
            return any(h[i:i + n] == v for i in range(len(h) - n + 1))
        if 'at' in c:
            return c['at'] < len(h) and h[c['at']] == v
        return v in h
    if w == 'count':
        v = int(val)
        var = c['variable']
        if var.startswith('loop@line'):
            return hits.get(int(var.split()[-1]), 0) == v
        return len(hist.get(var, [])) == v
    if w in ('comparison', 'arith'):
        expr = c.get('expr') or lhs(c['quote'])
        v = eval(val) if isinstance(val, str) else val
        return eval(expr) == v
    if w == 'return':
        return eval(val) == result
    if w == 'call':
        return True  # checked via answer
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    progs = {json.loads(l)['id']: json.loads(l) for l in open('programs.jsonl') if l.strip()}
    fails = 0
    out = []
    for it in items:
        errs = []
        result, hist, hits = run_traced(it['code'], it['call'])
        if repr(result) != it['returned']:
            errs.append('returned mismatch %r' % (result,))
        p = progs.get(it['program_id'])
        if p is None or p['returned'] != it['returned'] or p['events'] != it['trace_events'] if p else True:
            errs.append('program record mismatch')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                errs.append('quote not in rationale: %r' % c['quote'])
        if not it['rationale'].rstrip().splitlines()[-1].startswith('Answer: ' + it['answer']) and \
           ('Answer: ' + it['answer']) not in it['rationale'].rstrip().splitlines()[-1]:
            errs.append('answer line mismatch')
        fwd = it['direction'] == 'forward'
        ans_ok = (eval(it['answer']) == result) if fwd else (plain(it['code'], it['answer']) == result)
        if it['label'] == 'faithful':
            if not ans_ok:
                errs.append('answer wrong')
            for c in it['claims']:
                if not claim_true(c, hist, hits, result):
                    errs.append('false claim: %r' % c['quote'])
        else:
            e = it['error']
            if e['quote'] not in it['rationale']:
                errs.append('error quote missing')
            k = e['kind']
            if k in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok:
                    errs.append('planted answer error is actually right')
                if k == 'wrong_final_answer' and not fwd or k == 'backward_wrong_input' and fwd:
                    errs.append('kind/direction mismatch')
            else:
                if not ans_ok:
                    errs.append('answer should stay right')
                bad = [c for c in it['claims'] if c.get('error')]
                if not bad:
                    errs.append('no claim marked as error')
                for c in bad:
                    if claim_true(c, hist, hits, result):
                        errs.append('planted error is true: %r' % c['quote'])
                    if e.get('held_elsewhere'):
                        v = eval(c['value']) if isinstance(c['value'], str) else c['value']
                        if c['what'] == 'value' and not c.get('seq') and not c.get('changes') and not any(v in h for h in hist.values()):
                            errs.append('held_elsewhere but value never held by any variable')
            for c in it['claims']:
                if not c.get('error') and not c.get('carried') and not claim_true(c, hist, hits, result):
                    errs.append('unmarked false claim: %r' % c['quote'])
            f = [x for x in items if x['id'] == it['faithful_id']]
            if not f:
                errs.append('faithful missing')
        status = 'PASS' if not errs else 'FAIL ' + '; '.join(errs)
        fails += bool(errs)
        out.append('%s %s' % (it['id'], status))
    out.append('items=%d failures=%d' % (len(items), fails))
    print('\n'.join(out))
    return fails

if __name__ == '__main__':
    sys.exit(1 if main() else 0)
