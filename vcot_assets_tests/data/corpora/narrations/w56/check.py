"""Standalone checker for w56 narrations: runs each program with sys.settrace, records
per-variable value histories, and checks claims, answers and error copies.
Usage: python3 check.py narrations.jsonl > check_report.txt"""
import sys, json, copy, ast, re

linesnaps = {}

def run_traced(code, call):
    hist = {}      # var name -> list of values (appended on change, per frame)
    lines = {}     # line number -> hit count
    rets = {}      # function name -> list of return values
    last = {}      # id(frame) -> {var: value}
    linesnaps.clear()  # line number -> list of locals snapshots, one per time the line is reached
    def snap(frame):
        st = last.setdefault(id(frame), {})
        items = dict(frame.f_locals)
        s = items.get('self')
        if s is not None and hasattr(s, '__dict__'):
            for k, v in vars(s).items():
                items['self.' + k] = v
        for k, v in items.items():
            if k == 'self' or callable(v) and not isinstance(v, (list, dict, tuple, set)):
                continue
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                continue
            if k not in st or st[k] != v2 or type(st[k]) != type(v2):
                st[k] = v2
                h = hist.setdefault(k, [])
                # history = successive distinct values of the name (a new frame that starts with
                # the value last recorded does not repeat it)
                if not h or h[-1] != v2 or type(h[-1]) != type(v2):
                    h.append(v2)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        def local(frame, event, arg):
            snap(frame)
            if event == 'line':
                lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
                loc = {}
                for k, v in frame.f_locals.items():
                    try:
                        loc[k] = copy.deepcopy(v)
                    except Exception:
                        pass
                linesnaps.setdefault(frame.f_lineno, []).append(loc)
            elif event == 'return':
                rets.setdefault(frame.f_code.co_name, []).append(copy.deepcopy(arg))
                last.pop(id(frame), None)
            return local
        snap(frame)
        return local
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, '<call>', 'eval'), g)
    finally:
        sys.settrace(None)
    return result, hist, lines, rets

def plain_call(code, call):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def arith_expr(quote):
    m = re.match(r'^(.*?)\s*(?:=|\bis\b|->|gives)\s*([^=]*)$', quote.strip())
    left = quote.rsplit('=', 1)[0] if '=' in quote else re.split(r'\bis\b', quote)[0]
    return left.strip()

def count_of(label, lines):
    m = re.match(r'loop@line (\d+)', label)
    n = int(m.group(1))
    return lines.get(n + 1, 0)

def seq_of(c):
    # values of c['variable'] each time line c['at_line'] is reached, optionally mapped
    # through c['map'] (an expression in x) and with the first c['drop'] entries dropped
    vals = [s.get(c['variable']) for s in linesnaps.get(c['at_line'], [])]
    if c.get('map'):
        vals = [eval(c['map'], {'x': x}) for x in vals]
    return vals[c.get('drop', 0):c.get('upto')]

def claim_true(c, res, hist, lines, rets):
    w = c['what']
    v = lit(c['value'])
    if w == 'value' and c.get('hist'):
        # the variable's full sequence of distinct successive values
        return hist.get(c['variable'], [])[c.get('drop', 0):] == v
    if w == 'value' and c.get('at_line'):
        # a summarised sequence: the variable's value each time line at_line is reached
        return seq_of(c) == v
    if w == 'value':
        return any(x == v and type(x) == type(v) or (x == v and isinstance(x, (int, float)) and not isinstance(x, bool) and not isinstance(v, bool)) for x in hist.get(c['variable'], []))
    if w == 'count':
        return count_of(c['variable'], lines) == v
    if w == 'comparison':
        return bool(eval(c.get('expr') or c['quote'])) == v
    if w == 'arith':
        return eval(c.get('expr') or arith_expr(c['quote'])) == v
    if w == 'return':
        if c.get('variable'):
            return v in rets.get(c['variable'], [])
        return v == res
    if w == 'call':
        return True  # checked as answer
    raise ValueError(w)

def held_anywhere(v, hist):
    return any(v == x for vals in hist.values() for x in vals)

def check_item(it):
    errs = []
    res, hist, lines, rets = run_traced(it['code'], it['call'])
    if repr(res) != it['returned']:
        errs.append('returned mismatch %r vs %s' % (res, it['returned']))
    r = it['rationale']
    last_line = r.strip().splitlines()[-1]
    if it['answer'] not in last_line:
        errs.append('answer not in last line')
    for c in it['claims']:
        if c['quote'] not in r:
            errs.append('quote missing: %r' % c['quote'])
    if it['label'] == 'faithful':
        for c in it['claims']:
            try:
                ok = claim_true(c, res, hist, lines, rets)
            except Exception as e:
                ok = False; errs.append('claim error %r: %s' % (c['quote'], e))
            if not ok:
                errs.append('false claim: %r' % c['quote'])
        if it['direction'] == 'forward':
            if lit(it['answer']) != res:
                errs.append('forward answer wrong')
        else:
            if plain_call(it['code'], it['answer']) != res:
                errs.append('backward answer does not reproduce output')
    else:
        e = it['error']
        if e['quote'] not in r:
            errs.append('error quote missing')
        if not any(c['quote'] == e['quote'] or e['quote'] in c['quote'] or c['quote'] in e['quote'] for c in it['claims']) and e['kind'] not in ('wrong_final_answer', 'backward_wrong_input'):
            errs.append('error claim not among claims')
        ck = e['check']; t = ck['type']
        def slit(x):
            try:
                return lit(x)
            except Exception:
                return x
        stated = slit(e['stated'])
        actual = slit(e['actual'])
        false = False
        if t == 'history':
            h = hist.get(ck['variable'], [])
            k = ck['index']
            false = k < len(h) and h[k] == actual and h[k] != stated
        elif t == 'seq':
            vals = seq_of({'variable': ck['variable'], 'at_line': ck['line'], 'map': ck.get('map'), 'drop': ck.get('drop', 0), 'upto': ck.get('upto')})
            p = ck['pos']
            false = p < len(vals) and vals[p] == actual and actual != stated
            seqvals = vals
        elif t == 'never':
            false = all(x != stated for x in hist.get(ck['variable'], [])) and held_anywhere(actual, hist)
        elif t == 'arith':
            val = eval(ck['expr'])
            false = val == actual and val != stated
        elif t == 'count':
            n = count_of(ck['label'], lines)
            false = n == actual and n != stated
        elif t == 'comparison':
            val = bool(eval(ck['expr']))
            false = val == actual and val != stated
        elif t == 'answer_forward':
            false = lit(it['answer']) != res and actual == res and it['direction'] == 'forward'
        elif t == 'answer_backward':
            false = plain_call(it['code'], it['answer']) != res and it['direction'] == 'backward'
        elif t == 'return':
            false = stated != res and actual == res
        else:
            errs.append('unknown check ' + t)
        if not false:
            errs.append('error is not false at its point')
        if e.get('held_elsewhere'):
            # the wrong value must be one the program does hold, only at another moment
            if t == 'seq':
                held = stated in seqvals
            else:
                held = held_anywhere(stated, hist)
            if not held:
                errs.append('held_elsewhere but stated value never held')
        # the rest of the text must be identical to the faithful copy apart from the error
    return errs

def main(path):
    items = [json.loads(l) for l in open(path)]
    byid = {it['id']: it for it in items}
    bad = 0
    for it in items:
        try:
            errs = check_item(it)
        except Exception as ex:
            errs = ['exception: %r' % ex]
        if it['label'] == 'error' and it['faithful_id'] not in byid:
            errs.append('faithful_id missing')
        print('%-28s %-8s %s' % (it['id'], 'PASS' if not errs else 'FAIL', '; '.join(errs)))
        bad += bool(errs)
    print('\n%d items, %d failed' % (len(items), bad))
    return bad

if __name__ == '__main__':
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl') else 0)
