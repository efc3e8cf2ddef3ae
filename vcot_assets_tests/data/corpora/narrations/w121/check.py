#!/usr/bin/env python3
"""Standalone checker for w121 narrations: re-executes every program with sys.settrace,
records per-variable value histories and per-line hit counts, and checks every claim.
Usage: python3 check.py [narrations.jsonl] > check_report.txt"""
import ast, copy, json, sys, re

FILENAME = '<w121-program>'

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run_traced(code, call):
    ns = {}
    exec(compile(code, FILENAME, 'exec'), ns)
    hist = {}      # name -> list of successive distinct values (per change)
    last = {}      # (frame id, name) -> last value
    hits = {}      # line number -> times executed
    def record(frame):
        items = dict(frame.f_locals)
        if 'self' in items and hasattr(items['self'], '__dict__'):
            for k, v in vars(items['self']).items():
                items['self.' + k] = v
        for k, v in items.items():
            if k == 'self':
                continue
            key = (id(frame), k)
            s = snap(v)
            if key not in last or last[key] != s:
                last[key] = s
                h = hist.setdefault(k, [])
                if not h or h[-1] != s or not k.startswith('self.'):
                    h.append(s)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FILENAME:
            return None
        if event == 'line':
            record(frame)
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        elif event == 'return':
            record(frame)
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    # self.* histories: collapse repeats caused by several frames seeing the same object
    for k in list(hist):
        if k.startswith('self.'):
            h = []
            for v in hist[k]:
                if not h or h[-1] != v:
                    h.append(v)
            hist[k] = h
    return result, hist, hits, ns

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, result, hist, hits, ns, item):
    """Return (ok, msg): ok True when the claim is true of the execution."""
    w = c['what']
    if w == 'value':
        v = lit(c['value']); h = hist.get(c['variable'])
        if h is None:
            return False, 'no variable %s' % c['variable']
        if 'index' in c:
            ok = len(h) > c['index'] and h[c['index']] == v
            return ok, '%s[%d] %r vs stated %r' % (c['variable'], c['index'], h[c['index']] if len(h) > c['index'] else None, v)
        return v in h, '%s history %r vs %r' % (c['variable'], h[:12], v)
    if w == 'count':
        m = re.search(r'line (\d+)', c['variable'])
        n = hits.get(int(m.group(1)), 0)
        return n == lit(c['value']), 'line %s ran %d, stated %s' % (m.group(1), n, c['value'])
    if w in ('comparison', 'arith'):
        got = eval(c['expr'], {})
        return got == lit(c['value']), '%s -> %r, stated %s' % (c['expr'], got, c['value'])
    if w == 'return':
        return lit(c['value']) == result, 'returned %r stated %s' % (result, c['value'])
    if w == 'call':
        _, ns2 = None, {}
        exec(compile(item['code'], '<w121-call>', 'exec'), ns2)
        got = eval(c['value'], ns2)
        return got == result, 'call %s gives %r' % (c['value'], got)
    return False, 'unknown claim kind ' + w

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    forb = set(open('tmp/forbidden.txt').read().split()) if len(sys.argv) < 3 else set()
    byid = {i['id']: i for i in items}
    fails = 0; lines = []
    for it in items:
        probs = []
        result, hist, hits, ns = run_traced(it['code'], it['call'])
        if repr(result) != it['returned']:
            probs.append('returned mismatch %r' % (result,))
        if it['function'] in forb:
            probs.append('forbidden name')
        # answer
        ans = it['answer']
        if it['direction'] == 'forward':
            ans_ok = lit(ans) == result
        else:
            ns2 = {}; exec(compile(it['code'], '<w121-ans>', 'exec'), ns2)
            try:
                ans_ok = eval(ans, ns2) == result
            except Exception as e:
                ans_ok = False
        last_line = it['rationale'].strip().splitlines()[-1]
        if ans not in last_line:
            probs.append('answer not in last line')
        err = it['error']
        if it['label'] == 'faithful':
            if not ans_ok: probs.append('answer wrong')
        else:
            if err['kind'] in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok: probs.append('error answer is actually right')
            elif not ans_ok:
                probs.append('answer wrong in non-answer error copy')
            if err['quote'] not in it['rationale']:
                probs.append('error quote missing')
            if it['faithful_id'] not in byid:
                probs.append('faithful_id missing')
        nclaims = 0
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('quote not found: ' + c['quote'][:40])
            ok, msg = check_claim(c, result, hist, hits, ns, it)
            nclaims += 1
            is_err = c.get('error', False)
            if is_err:
                if ok: probs.append('error claim is TRUE: ' + msg)
                if c.get('held_elsewhere'):
                    # stated value must occur somewhere else in the run
                    if c['what'] == 'value':
                        if lit(c['value']) not in hist.get(c['variable'], []):
                            probs.append('held_elsewhere value never held')
                    elif c['what'] == 'count':
                        pass
            elif c.get('carried'):
                pass
            elif not ok:
                probs.append('false claim: %s | %s' % (c['quote'][:50], msg))
        if it['label'] == 'error' and err['kind'] not in ('wrong_final_answer', 'backward_wrong_input'):
            if not any(c.get('error') for c in it['claims']):
                probs.append('no error claim')
        status = 'PASS' if not probs else 'FAIL'
        if probs: fails += 1
        lines.append('%s %s claims=%d %s' % (status, it['id'], nclaims, '; '.join(probs)))
    lines.append('items=%d failures=%d' % (len(items), fails))
    print('\n'.join(lines))
    return fails

if __name__ == '__main__':
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl') else 0)
