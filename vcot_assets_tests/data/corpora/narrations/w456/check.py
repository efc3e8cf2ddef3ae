"""Standalone checker for w456 narrations: re-executes each program with sys.settrace."""
import json, sys, copy, re

def run(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    hist = {}      # name -> list of values in order of change (across frames)
    hits = {}      # lineno -> times executed
    last = {}
    def snap(frame):
        items = dict(frame.f_locals)
        s = items.get('self')
        if s is not None and hasattr(s, '__dict__'):
            for k, v in vars(s).items():
                items['self.' + k] = v
        fid = id(frame)
        for k, v in items.items():
            if k == 'self':
                continue
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                v2 = repr(v)
            key = (fid, k)
            if key not in last or last[key] != v2:
                last[key] = v2
                hist.setdefault(k, []).append(v2)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'line':
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
            hits.setdefault('seq', []).append(frame.f_lineno)
        if event in ('line', 'return'):
            snap(frame)
        if event == 'call':
            snap(frame)
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, hits, ns

def lit(s):
    import ast
    return ast.literal_eval(s)

def arith_value(quote):
    m = re.match(r'^(.*?)\s*(?:=|is)\s*([^=]+)$', quote.strip())
    return eval(m.group(1), {}), m.group(2).strip()

def check_claim(c, ret, hist, hits):
    w = c['what']
    v = lit(c['value'])
    if w == 'value':
        h = hist.get(c['variable'], [])
        if 'key' in c:
            h = [x.get(c['key']) for x in h if isinstance(x, dict)]
        if 'point' in c:
            p = c['point']
            hp = hist.get(p['variable'], [])
            return p['index'] < len(hp) and hp[p['index']] == v, 'value %r not at point %r' % (v, p)
        return v in h, 'value %r not in history of %s' % (v, c['variable'])
    if w == 'count':
        n = hits.get(c['body_line'], 0)
        if 'segment' in c:
            seq, g = hits['seq'], c['segment']
            starts = [i for i, x in enumerate(seq) if x == g['entry_line']] + [len(seq)]
            a, b = starts[g['index']], starts[g['index'] + 1]
            n = seq[a:b].count(c['body_line'])
        return n == v, 'count %r != %r' % (v, n)
    if w == 'arith':
        got, _ = arith_value(c.get('expr', c['quote']))
        return got == v, 'arith %s -> %r' % (c['quote'], got)
    if w == 'comparison':
        got = eval(c.get('expr', c['quote']), {})
        return bool(got) == v, 'comparison %s -> %r' % (c['quote'], got)
    if w == 'return':
        return v == ret, 'return %r != %r' % (v, ret)
    if w == 'call':
        return True, ''
    return False, 'unknown what ' + w

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    ok = bad = 0
    lines = []
    for it in items:
        try:
            errs = check_item(it)
        except Exception as ex:
            errs = ['exception: %r' % (ex,)]
        status = 'PASS' if not errs else 'FAIL'
        ok += not errs; bad += bool(errs)
        lines.append('%s %s %s' % (status, it['id'], '; '.join(errs)))
    lines.append('TOTAL %d items, %d pass, %d fail' % (len(items), ok, bad))
    open('check_report.txt', 'w').write('\n'.join(lines) + '\n')
    print('\n'.join(lines))

def check_item(it):
    if True:
        errs = []
        ret, hist, hits, ns = run(it['code'], it['call'])
        if repr(ret) != it['returned']:
            errs.append('returned mismatch %r' % (ret,))
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                errs.append('quote missing: ' + c['quote'])
        last_line = it['rationale'].rstrip().splitlines()[-1]
        if not last_line.startswith('Answer:') or last_line[len('Answer:'):].strip() != it['answer']:
            errs.append('answer line mismatch')
        if it['label'] == 'faithful':
            for c in it['claims']:
                good, msg = check_claim(c, ret, hist, hits)
                if not good:
                    errs.append(msg)
            if it['direction'] == 'forward':
                if lit(it['answer']) != ret:
                    errs.append('forward answer wrong')
            else:
                r2 = run(it['code'], it['answer'])[0]
                if r2 != ret:
                    errs.append('backward answer does not reproduce output')
        else:
            e = it['error']
            if e['quote'] not in it['rationale']:
                errs.append('error quote missing')
            k = e['kind']
            chk = e.get('check', {})
            # every claim other than the erroneous ones must still be true
            for c in it['claims']:
                good, msg = check_claim(c, ret, hist, hits)
                if c.get('is_error'):
                    if e.get('held_elsewhere') and c['what'] in ('value', 'count'):
                        continue  # checked at its point below
                    if good:
                        errs.append('error claim is actually true: ' + c['quote'])
                elif not good and not c.get('carried'):
                    errs.append(msg)
            if k == 'wrong_final_answer':
                if lit(it['answer']) == ret:
                    errs.append('wrong_final_answer is right')
            elif k == 'backward_wrong_input':
                try:
                    r2 = run(it['code'], it['answer'])[0]
                except Exception as ex:
                    r2 = ex
                if r2 == ret:
                    errs.append('backward_wrong_input reproduces output')
            else:
                if lit(it['answer']) != ret if it['direction'] == 'forward' else run(it['code'], it['answer'])[0] != ret:
                    if k != 'wrong_final_answer' and not e.get('carried'):
                        errs.append('answer wrong but error not final-answer kind')
                if not any(c.get('is_error') for c in it['claims']):
                    errs.append('no is_error claim')
            if e.get('held_elsewhere'):
                var, idx = chk['variable'], chk['index']
                h = hist.get(var, [])
                st = lit(e['stated'])
                hin = hist.get(chk.get('held_in', var), [])
                if st not in hin:
                    errs.append('held_elsewhere value never held')
                if idx >= len(h) or h[idx] != lit(e['actual']) or h[idx] == st:
                    errs.append('held_elsewhere point check failed: hist=%r' % (h,))
        return errs

if __name__ == '__main__':
    if len(sys.argv) > 1 and sys.argv[1] == 'hist':
        for l in open(sys.argv[2]):
            d = json.loads(l)
            ret, hist, hits, ns = run(d['code'], d['call'])
            print('=====', d['id'], repr(ret))
            for k, v in hist.items():
                print(' ', k, v)
            print('  hits', hits)
    else:
        main()
