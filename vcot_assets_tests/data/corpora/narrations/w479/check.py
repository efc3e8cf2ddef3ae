"""Standalone checker for w479 narrations: runs each program under sys.settrace, records
per-variable value histories and line-hit counts, and checks every claim / error."""
import json, sys, ast

def run_traced(code, call):
    hist = {}      # var -> list of values (in order of change)
    lines = {}     # line_no -> hit count (program frames only)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>' or frame.f_code.co_name in ('<module>', '<lambda>'):
            return None
        def local(frame, event, arg):
            if event == 'line':
                lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            snap(frame)
            return local
        snap(frame)
        return local
    def snap(frame):
        for k, v in list(frame.f_locals.items()):
            if k == 'self':
                for ak, av in list(getattr(v, '__dict__', {}).items()):
                    rec('self.' + ak, av)
                continue
            rec(k, v)
    def rec(k, v):
        try:
            r = repr(v)
        except Exception:
            return
        h = hist.setdefault(k, [])
        if not h or h[-1] != r:
            h.append(r)
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        res = eval(compile(call, '<prog>', 'eval'), g)
    finally:
        sys.settrace(None)
    return res, hist, lines

def plain_call(code, call):
    g = {}
    exec(code, g)
    return eval(call, g)

def collapse(seq):
    # histories store a value only when it changes, so collapse repeats in a stated per-iteration sequence
    out = []
    for x in seq:
        if not out or out[-1] != x:
            out.append(x)
    return out

def norm(s):
    return repr(ast.literal_eval(s))

def check_claim(c, res, hist, lines, text):
    q = c['quote']
    if q not in text:
        return 'quote not in rationale: %r' % q
    w = c['what']; v = c['value']
    if w == 'value' and c.get('sequence'):
        h = hist.get(c['variable'], [])
        seq = collapse([repr(x) for x in ast.literal_eval(v)])
        if not any(h[i:i+len(seq)] == seq for i in range(len(h))):
            return '%s never runs through %s (history %s)' % (c['variable'], v, h)
    elif w == 'value':
        h = hist.get(c['variable'])
        if h is None:
            return 'no such variable %s' % c['variable']
        if norm(v) not in h:
            return '%s never %s (history %s)' % (c['variable'], v, h)
    elif w == 'count':
        ln = int(c['variable'].split('@line ')[1])
        if lines.get(ln, 0) != int(v):
            return 'count %s != %s' % (v, lines.get(ln, 0))
    elif w == 'arith':
        expr = c.get('expr', q.split('=')[0])
        if eval(expr) != ast.literal_eval(v):
            return 'arith %s != %s' % (expr, v)
    elif w == 'comparison':
        expr = c['expr']
        if eval(expr) != ast.literal_eval(v):
            return 'comparison %s != %s' % (expr, v)
    elif w == 'return':
        if repr(res) != norm(v):
            return 'return %s != %r' % (v, res)
    elif w == 'call':
        if repr(plain_call(c['code'], v)) != repr(res):
            return 'call mismatch'
    return None

def check_error(e, item, res, hist, lines):
    ck = e['check']; t = ck['type']; st = e['stated']
    if e['quote'] not in item['rationale']:
        return 'error quote missing'
    if t == 'value_at':
        h = hist[ck['variable']]
        if h[ck['index']] == norm(st):
            return 'stated value true at that point'
        if e.get('held_elsewhere') and norm(st) not in [x for vv in hist.values() for x in vv]:
            return 'held_elsewhere but value never held'
        if not e.get('held_elsewhere') and norm(st) in h:
            return 'not held_elsewhere but variable holds it'
    elif t == 'seq_at':
        h = hist[ck['variable']]; seq = collapse([repr(x) for x in ast.literal_eval(st)])
        if h[ck['index']:ck['index']+len(seq)] == seq:
            return 'stated sequence is true'
    elif t == 'absent':
        if norm(st) in hist.get(ck['variable'], []):
            return 'stated value occurs'
    elif t == 'arith':
        if eval(ck['expr']) == ast.literal_eval(st):
            return 'arith actually correct'
    elif t == 'count':
        if lines.get(ck['line'], 0) == int(st):
            return 'count actually correct'
    elif t == 'compare':
        if eval(ck['expr']) == ast.literal_eval(st):
            return 'comparison actually as stated'
    elif t == 'answer':
        if item['direction'] == 'forward':
            if norm(item['answer']) == repr(res):
                return 'answer is right'
        else:
            try:
                r2 = plain_call(item['code'], item['answer'])
            except Exception:
                r2 = object()
            if repr(r2) == repr(res):
                return 'backward answer actually returns output'
    else:
        return 'unknown check type'
    return None

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    ok = bad = 0
    out = []
    for it in items:
        errs = []
        res, hist, lines = run_traced(it['code'], it['call'])
        if repr(res) != it['returned']:
            errs.append('returned mismatch')
        for c in it['claims']:
            if it['label'] == 'error' and c['quote'] == it['error']['quote']:
                continue
            if it['label'] == 'error' and it['error'].get('carried') and c.get('carried'):
                continue
            m = check_claim(c, res, hist, lines, it['rationale'])
            if m: errs.append(m)
        last = it['rationale'].strip().splitlines()[-1]
        if it['answer'] not in last:
            errs.append('answer not on last line')
        if it['label'] == 'faithful':
            if it['direction'] == 'forward':
                if norm(it['answer']) != repr(res): errs.append('forward answer wrong')
            else:
                if repr(plain_call(it['code'], it['answer'])) != repr(res): errs.append('backward answer wrong')
        else:
            m = check_error(it['error'], it, res, hist, lines)
            if m: errs.append(m)
            if it['error']['kind'] not in ('wrong_final_answer', 'backward_wrong_input'):
                # answer must still be right
                if it['direction'] == 'forward':
                    if norm(it['answer']) != repr(res): errs.append('answer wrong in non-answer error copy')
                else:
                    if repr(plain_call(it['code'], it['answer'])) != repr(res): errs.append('bwd answer wrong in non-answer error copy')
        if errs:
            bad += 1; out.append('FAIL %s: %s' % (it['id'], '; '.join(errs)))
        else:
            ok += 1; out.append('ok   %s' % it['id'])
    out.append('TOTAL %d items, %d pass, %d fail' % (len(items), ok, bad))
    print('\n'.join(out))
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main())
