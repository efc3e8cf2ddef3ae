#!/usr/bin/env python3
"""Standalone checker for w265 narrations: re-executes each program with sys.settrace,
records per-variable value histories (locals and self.<attr>) and per-line hit counts,
and checks claims / errors against that record."""
import ast, json, sys

def run(code, call):
    hist, hits = {}, {}
    def note(name, val):
        try:
            r = repr(val)
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1][0] != r:
            try:
                snap = ast.literal_eval(r)
            except Exception:
                snap = r
            h.append((r, snap))
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        if event == 'line':
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in vars(v).items():
                    note('self.' + a, av)
            elif not callable(v) or isinstance(v, (list, dict, tuple)):
                note(k, v)
        return tracer
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    # final snapshot of locals is recorded on the 'return' event by tracer
    return ret, hist, hits, ns

def plain(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def in_hist(hist, var, val):
    return any(snap == val for _, snap in hist.get(var, []))

def check_claim(c, ret, hist, hits, code):
    w, v = c['what'], lit(c['value'])
    if w == 'value':
        if c.get('variable') is None:
            return True
        if 'index' in c:
            h = hist.get(c['variable'], [])
            return c['index'] < len(h) and h[c['index']][1] == v
        return in_hist(hist, c['variable'], v)
    if w == 'count':
        # 'loop@line N': N is the first body line, count = its hits;
        # 'header@line N': N is a loop header line, count = hits - 1
        line = int(c['variable'].split('@line')[1])
        if c['variable'].startswith('header@'):
            return hits.get(line, 0) - 1 == v
        return hits.get(line, 0) == v
    if w in ('arith', 'comparison'):
        expr = c.get('expr')
        if expr is None:
            expr = c['quote'].strip('`').split('=')[0]
        return eval(expr) == v
    if w == 'return':
        return ret == v
    if w == 'call':
        return plain(code, c['expr']) == ret
    return False

def check_error(item, ret, hist, hits):
    e = item['error']; k = e['kind']; stated = e['stated']
    if k == 'wrong_final_answer':
        return lit(item['answer']) != ret
    if k == 'backward_wrong_input':
        try:
            return plain(item['code'], item['answer']) != ret
        except Exception:
            return True
    try:
        sv = lit(stated)
    except Exception:
        sv = stated
    if 'expr' in e:
        return eval(e['expr']) != sv
    if 'count_line' in e:
        return hits.get(e['count_line'], 0) != sv
    var = e.get('variable')
    if var is not None and 'index' in e:
        h = hist.get(var, [])
        ok = not (e['index'] < len(h) and h[e['index']][1] == sv)
        if e.get('held_elsewhere'):
            ok = ok and any(in_hist(hist, x, sv) for x in hist)
        return ok
    if var is not None:
        ok = not in_hist(hist, var, sv)
        if e.get('held_elsewhere'):
            ok = ok and any(in_hist(hist, x, sv) for x in hist)
        return ok
    return False

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    ids = {it['id'] for it in items}
    bad = 0
    for it in items:
        probs = []
        ret, hist, hits, _ = run(it['code'], it['call'])
        if repr(ret) != it['returned']:
            probs.append('returned mismatch')
        rat = it['rationale']
        last = rat.strip().splitlines()[-1]
        if it['answer'] not in last:
            probs.append('answer not in last line')
        for c in it['claims']:
            if c['quote'] not in rat:
                probs.append('quote missing: ' + c['quote'])
        if it['label'] == 'faithful':
            if it['direction'] == 'forward' and lit(it['answer']) != ret:
                probs.append('forward answer wrong')
            if it['direction'] == 'backward' and plain(it['code'], it['answer']) != ret:
                probs.append('backward answer wrong')
            for c in it['claims']:
                try:
                    if not check_claim(c, ret, hist, hits, it['code']):
                        probs.append('false claim: %r' % c)
                except Exception as ex:
                    probs.append('claim error %r: %s' % (c, ex))
        else:
            e = it['error']
            if it['faithful_id'] not in ids:
                probs.append('no faithful')
            if e['quote'] not in rat:
                probs.append('error quote missing')
            if not check_error(it, ret, hist, hits):
                probs.append('error not false: %r' % e)
            # all other claims still true (except the error's own / carried ones)
            for c in it['claims']:
                if c.get('is_error') or c.get('carried'):
                    continue
                try:
                    if not check_claim(c, ret, hist, hits, it['code']):
                        probs.append('false non-error claim: %r' % c)
                except Exception as ex:
                    probs.append('claim error %r: %s' % (c, ex))
            if it['direction'] == 'forward' and e['kind'] != 'wrong_final_answer' and lit(it['answer']) != ret and not e.get('carried'):
                probs.append('answer changed without carry')
        status = 'PASS' if not probs else 'FAIL'
        if probs:
            bad += 1
        print(status, it['id'], '; '.join(probs))
    print('TOTAL', len(items), 'FAILED', bad)
    return bad

if __name__ == '__main__':
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl') else 0)
