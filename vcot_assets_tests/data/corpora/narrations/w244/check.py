"""Standalone checker for w244 narrations: re-executes every program with sys.settrace."""
import ast, json, sys

def run(code, call):
    hist = {}          # variable name -> list of successive values (repr-distinct)
    lines = {}         # line number -> times executed
    def note(name, val):
        try:
            val = ast.literal_eval(repr(val))
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != val or type(h[-1]) != type(val):
            h.append(val)
    def snap(frame):
        for k, v in list(frame.f_locals.items()):
            if k == 'self':
                for a, av in list(getattr(v, '__dict__', {}).items()):
                    note('self.' + a, av)
            else:
                note(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<program>':
            return tracer
        snap(frame)
        if event == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        if event == 'return':
            note('@return:' + frame.f_code.co_name, arg)
        return tracer
    g = {}
    exec(compile(code, '<program>', 'exec'), g)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, '<program>call', 'eval'), g)
    finally:
        sys.settrace(None)
    return result, hist, lines

def plain(code, call):
    g = {}
    exec(compile(code, '<p>', 'exec'), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, result, hist, lines):
    w = c['what']; v = lit(c['value'])
    if w == 'value':
        h = hist.get(c['variable'], [])
        if 'key' in c:
            h = [d[c['key']] for d in h if c['key'] in d]
        return v in h
    if w == 'count':
        if 'body_line' in c:
            return lines.get(c['body_line'], 0) == v
        return len(hist.get(c['variable'], [])) == v
    if w in ('arith', 'comparison'):
        return eval(c['expr']) == v
    if w == 'return':
        return result == v
    if w == 'call':
        return True
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open('narrations.jsonl', encoding='utf-8') if l.strip()]
    out, bad = [], 0
    for it in items:
        errs = []
        result, hist, lines = run(it['code'], it['call'])
        if repr(result) != it['returned']:
            errs.append('returned mismatch')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                errs.append('quote missing: %r' % c['quote'])
        last = it['rationale'].rstrip().splitlines()[-1]
        if it['answer'] not in last:
            errs.append('answer not on last line')
        fwd = it['direction'] == 'forward'
        ans_ok = (lit(it['answer']) == result) if fwd else (plain(it['code'], it['answer']) == result)
        if it['label'] == 'faithful':
            for c in it['claims']:
                if not check_claim(c, result, hist, lines):
                    errs.append('false claim: %r' % c['quote'])
            if not ans_ok:
                errs.append('answer wrong')
        else:
            e = it['error']; chk = e['check']; k = e['kind']
            if e['quote'] not in it['rationale']:
                errs.append('error quote missing')
            for c in it['claims']:
                if c.get('erroneous') or e.get('carried') and c.get('carried'):
                    continue
                if not check_claim(c, result, hist, lines):
                    errs.append('other claim false: %r' % c['quote'])
            t = chk['type']; stated = lit(e['stated']) if t not in ('answer',) else None
            if t == 'history':
                h = hist.get(chk['variable'], [])
                if 'key' in chk:   # successive values of one dict entry
                    sub = []
                    for d in h:
                        if chk['key'] in d and (not sub or sub[-1] != d[chk['key']]):
                            sub.append(d[chk['key']])
                    h = sub
                if not (len(h) > chk['nth'] and h[chk['nth']] == lit(e['actual']) and h[chk['nth']] != stated):
                    errs.append('history check failed %r' % h)
                if e.get('held_elsewhere') and stated not in h and not any(stated in hh for hh in hist.values()):
                    errs.append('held_elsewhere but value never held')
                if k == 'impossible_state' and stated in h:
                    errs.append('impossible value is held')
                if not e.get('held_elsewhere') and k != 'swapped_variables' and stated in h:
                    errs.append('not flagged held_elsewhere but value in history')
            elif t == 'count':
                n = lines.get(chk['body_line'], 0) if 'body_line' in chk else len(hist.get(chk['variable'], []))
                if n != lit(e['actual']) or n == stated:
                    errs.append('count check failed %d' % n)
            elif t in ('arith', 'comparison'):
                r = eval(chk['expr'])
                if r != lit(e['actual']) or r == stated:
                    errs.append('expr check failed')
            elif t == 'answer':
                if ans_ok:
                    errs.append('wrong answer is actually right')
                if not fwd and k == 'backward_wrong_input':
                    pass
            elif t == 'iteration':
                # value of variable at the moment a given line runs for the k-th time
                pass
            else:
                errs.append('unknown check')
            if k in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok: errs.append('answer should be wrong')
            elif not ans_ok:
                errs.append('answer should be right for kind %s' % k)
        status = 'PASS' if not errs else 'FAIL ' + '; '.join(errs)
        bad += bool(errs)
        out.append('%s %s' % (it['id'], status))
    out.append('items=%d failed=%d' % (len(items), bad))
    open('check_report.txt', 'w').write('\n'.join(out) + '\n')
    print('\n'.join(out))
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main())
