"""Standalone checker for w382 narrations: plain execution + sys.settrace histories."""
import ast, json, sys

def run_traced(code, call):
    hist, lines, snaps = {}, {}, {}
    def rec(name, val):
        try:
            v = ast.literal_eval(repr(val))
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != v:
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in vars(v).items():
                    rec('self.' + a, av)
            elif not callable(v):
                rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        snap(frame)
        if event == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            snap_now = {}
            for k, v in frame.f_locals.items():
                items = [(k, v)]
                if k == 'self':
                    items = [('self.' + a, av) for a, av in vars(v).items()]
                for kk, vv in items:
                    try:
                        snap_now[kk] = ast.literal_eval(repr(vv))
                    except Exception:
                        pass
            snaps[(frame.f_lineno, lines[frame.f_lineno])] = snap_now
        if event == 'return':
            rec('return:' + frame.f_code.co_name, arg)
        return tracer
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, '<prog>', 'eval'), ns)
    finally:
        sys.settrace(None)
    hist['__snaps__'] = snaps
    return ret, hist, lines

def plain(code, call):
    ns = {}
    exec(compile(code, '<x>', 'exec'), ns)
    return eval(call, ns)

def claim_true(c, ret, hist, lines, code=None):
    what = c['what']
    val = ast.literal_eval(c['value'])
    if what == 'value':
        h = hist.get(c['variable'], [])
        if c.get('seq'):
            n = len(val)
            return any(h[k:k + n] == list(val) for k in range(len(h)))
        if 'at' in c:
            snap = hist['__snaps__'].get(tuple(c['at']), {})
            if c['variable'] not in snap:
                return False
            got = snap[c['variable']]
            if 'key' in c:
                got = got.get(c['key'])
            return got == val
        if 'index' in c:
            return len(h) > c['index'] and h[c['index']] == val
        return val in h
    if what == 'count':
        return lines.get(c['line'], 0) == val * c.get('per', 1)
    if what in ('comparison', 'arith'):
        return eval(c['expr']) == val
    if what == 'return':
        return ret == val
    if what == 'call':
        return plain(code, c['expr']) == val
    raise ValueError(what)

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    progs = {json.loads(l)['id']: json.loads(l) for l in open('programs.jsonl')}
    fails, out = 0, []
    for it in items:
        msgs = []
        ret, hist, lines = run_traced(it['code'], it['call'])
        if repr(ret) != it['returned']:
            msgs.append('returned mismatch')
        if it['program_id'] not in progs:
            msgs.append('program not in programs.jsonl')
        if it['trace_events'] != len(progs.get(it['program_id'], {}).get('events', [])):
            msgs.append('trace_events mismatch')
        if not it['rationale'].rstrip().endswith('Answer: ' + it['answer']) and 'Answer: ' + it['answer'] not in it['rationale'].splitlines()[-1]:
            msgs.append('last line is not Answer: ' + it['answer'])
        err = it['error']
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                msgs.append('quote missing: ' + c['quote'])
            is_err = err is not None and c['quote'] == err['quote']
            ok = claim_true(c, ret, hist, lines, it['code'])
            if is_err:
                if ok:
                    msgs.append('error claim is TRUE: ' + c['quote'])
                if err.get('held_elsewhere'):
                    h = hist.get(c['variable'], [])
                    if 'key' in c:
                        h = [x.get(c['key']) for x in h if isinstance(x, dict)]
                    if not h or c['what'] == 'arith':
                        h = [x for k, hh in hist.items() if k != '__snaps__' for y in hh
                             for x in ([y] + (list(y) if isinstance(y, (list, tuple)) else []))]
                    v = ast.literal_eval(c['value'])
                    if (c.get('seq') and not all(x in h for x in v)) or (not c.get('seq') and v not in h):
                        msgs.append('held_elsewhere value not held anywhere')
            elif not ok:
                msgs.append('claim false: %r' % c)
        # answer
        if it['direction'] == 'forward':
            ans_ok = ast.literal_eval(it['answer']) == ret
        else:
            try:
                ans_ok = plain(it['code'], it['answer']) == ret
            except Exception:
                ans_ok = False
        want_ans_ok = not (err and err['kind'] in ('wrong_final_answer', 'backward_wrong_input'))
        if ans_ok != want_ans_ok:
            msgs.append('answer check unexpected: ok=%s' % ans_ok)
        if err:
            if err['quote'] not in it['rationale']:
                msgs.append('error quote missing')
            if err['stated'] == err['actual']:
                msgs.append('stated == actual')
            if err['kind'] not in ('wrong_final_answer', 'backward_wrong_input') and not any(c['quote'] == err['quote'] for c in it['claims']):
                msgs.append('error has no claim')
        status = 'PASS' if not msgs else 'FAIL'
        fails += bool(msgs)
        out.append('%s %s %s' % (status, it['id'], '; '.join(msgs)))
    out.append('TOTAL %d items, %d failing' % (len(items), fails))
    print('\n'.join(out))

if __name__ == '__main__':
    main()
