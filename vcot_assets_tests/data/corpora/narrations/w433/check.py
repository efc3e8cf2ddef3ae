"""Standalone checker for the w433 narration corpus.

Runs every item's call under sys.settrace, records each variable's value history (per frame,
appended to a per-name global history whenever the value changes; `self.attr` for instance
attributes), line-execution counts (total and per invocation) and return values, then checks:
  * `returned` matches the real return value;
  * every claim of a faithful item is true (value in history, or history[index] when the claim
    gives an index; count = executions of the loop's first body line; arith/comparison quotes
    evaluate to the stated value; return/call values);
  * forward answer == return value; backward answer, evaluated, returns the output;
  * for error copies: the error claim is FALSE at its point (history[index] / count / evaluation),
    `actual` is what execution gives there, and held_elsewhere copies state a value the program
    does hold somewhere else.
Usage: python3 check.py narrations.jsonl > check_report.txt
"""
import ast, copy, json, re, sys
from collections import defaultdict


def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)


class Recorder:
    def __init__(self):
        self.hist = defaultdict(list)      # name -> values in order of change
        self.last = {}                     # (frame id, name) -> last value
        self.lines = defaultdict(int)      # lineno -> executions
        self.inv_lines = defaultdict(list) # lineno -> [count per invocation of its code object]
        self.frame_counts = {}             # frame id -> dict lineno->count
        self.frame_code = {}
        self.rets = defaultdict(list)      # function name -> return values

    def record(self, frame):
        fid = id(frame)
        for k, v in frame.f_locals.items():
            if k.startswith('__'):
                continue
            items = [(k, v)]
            if k == 'self' and hasattr(v, '__dict__'):
                items = [('self.' + a, b) for a, b in vars(v).items()]
            for name, val in items:
                s = snap(val)
                key = (fid, name)
                if key not in self.last or not _eq(self.last[key], s):
                    self.last[key] = s
                    h = self.hist[name]
                    if not h or not _eq(h[-1], s):
                        h.append(s)

    def tracer(self, frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        fid = id(frame)
        if event == 'call':
            self.frame_counts[fid] = defaultdict(int)
            self.frame_code[fid] = frame.f_code
        self.record(frame)
        if event == 'line':
            self.lines[frame.f_lineno] += 1
            self.frame_counts[fid][frame.f_lineno] += 1
        elif event == 'return':
            self.rets[frame.f_code.co_name].append(snap(arg))
            for ln, c in self.frame_counts.pop(fid, {}).items():
                self.inv_lines[ln].append(c)
        return self.tracer


def _eq(a, b):
    try:
        return type(a) == type(b) and a == b or (a == b and not isinstance(a, bool) and not isinstance(b, bool))
    except Exception:
        return False


def run(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    rec = Recorder()
    sys.settrace(rec.tracer)
    try:
        val = eval(compile(call, '<call>', 'eval'), ns)
    finally:
        sys.settrace(None)
    return val, rec, ns


def plain_eval(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    return eval(call, ns)


def lit(s):
    return ast.literal_eval(s)


def expr_of(quote):
    """Python expression inside a comparison/arith quote."""
    q = quote.replace('`', '').strip()
    q = re.sub(r'\b(is|are|holds?|fails?|returns?|gives?|evaluates to)\b.*$', '', q).strip()
    return q.rstrip('.,;:')


def split_arith(quote):
    q = quote.replace('`', '').strip()
    m = re.match(r'^(.*?)(?:\s+is\s+|\s*(?<![<>=!])=(?!=)\s*|\s+gives\s+)(.*)$', q)
    if not m:
        raise ValueError('cannot split arith: ' + quote)
    # use the LAST plain '=' so that chained "a + b = c" works
    parts = re.split(r'(?<![<>=!])=(?!=)|\s+is\s+|\s+gives\s+', q)
    lhs = parts[0] if len(parts) == 2 else '='.join(parts[:-1])
    return lhs.strip(), parts[-1].strip().rstrip('.,;')


def count_of(rec, label):
    m = re.match(r'loop@line (\d+)(?:#(\d+))?$', label)
    if not m:
        raise ValueError('bad count label ' + label)
    ln = int(m.group(1))
    if m.group(2):
        lst = rec.inv_lines[ln]
        k = int(m.group(2))
        # invocations in which the line never ran do not appear; callers use #k only where it runs
        return lst[k - 1]
    return rec.lines[ln]


def claim_truth(c, rec, ns, item):
    """Return (ok, actual-description)."""
    w = c['what']
    val = lit(c['value'])
    var = c.get('variable')
    if w == 'value' and var and var[-4:] in ('@sub', '@seq') and not isinstance(val, (list, tuple)):
        return False, 'not a sequence'
    if w == 'value' and var and var.endswith('@sub'):
        h = iter(rec.hist.get(var[:-4], []))
        ok = all(any(_eq(x, v) for x in h) for v in val)
        return ok, 'subsequence check'
    if w == 'value' and var and var.endswith('@seq'):
        h = list(rec.hist.get(var[:-4], []))
        v = list(val)
        ok = any(h[i:i + len(v)] == v for i in range(len(h) - len(v) + 1))
        return ok, repr(h)
    if w in ('value', 'call', 'return') and var:
        key = var
        if w in ('call', 'return'):
            key = None
            h = rec.rets.get(var)
            if h is None:
                h = rec.hist.get(var, [])
        else:
            h = rec.hist.get(var)
            if h is None:
                return False, 'no such variable %r' % var
        if 'index' in c:
            i = c['index']
            act = h[i] if i < len(h) else None
            return _eq(act, val), repr(act)
        return any(_eq(x, val) for x in h), 'history %r' % (h[:12],)
    if w == 'return':
        act = lit(item['returned'])
        return _eq(act, val), repr(act)
    if w == 'count':
        act = count_of(rec, var)
        return act == val, repr(act)
    if w == 'arith':
        lhs, _ = split_arith(c['quote'])
        act = eval(lhs, dict(ns))
        return _eq(act, val) or act == val, repr(act)
    if w == 'comparison':
        e = c.get('expr') or expr_of(c['quote'])
        act = eval(e, dict(ns))
        return bool(act) == bool(val), repr(bool(act))
    if w == 'value' and not var:
        allv = [x for h in rec.hist.values() for x in h]
        return any(_eq(x, val) for x in allv), 'anywhere'
    raise ValueError('unknown claim kind %r' % w)


def held_somewhere(rec, val):
    for h in list(rec.hist.values()) + list(rec.rets.values()):
        if any(_eq(x, val) for x in h):
            return True
    return False


def check_item(item):
    errs = []
    code, call = item['code'], item['call']
    val, rec, ns = run(code, call)
    if repr(val) != item['returned']:
        errs.append('returned mismatch %r vs %s' % (val, item['returned']))
    if item['rationale'].rstrip().splitlines()[-1].strip() != 'Answer: ' + item['answer'] and \
            not item['rationale'].rstrip().splitlines()[-1].strip().endswith(item['answer']):
        errs.append('last line does not carry answer')
    for c in item['claims']:
        if c['quote'] not in item['rationale']:
            errs.append('claim quote not in rationale: %r' % c['quote'])
    e = item.get('error')
    if e and e['quote'] not in item['rationale']:
        errs.append('error quote not in rationale')
    # answer
    if item['direction'] == 'forward':
        ans_ok = lit(item['answer']) == val and repr(lit(item['answer'])) == repr(val)
    else:
        try:
            got = plain_eval(code, item['answer'])
            ans_ok = repr(got) == item['returned']
        except Exception as ex:
            ans_ok = False
    err_kind = e['kind'] if e else None
    carried = bool(e and e.get('carried'))
    if err_kind in ('wrong_final_answer', 'backward_wrong_input'):
        if ans_ok:
            errs.append('error copy answer is actually right')
    elif not ans_ok and not (e and e.get('carried')):
        errs.append('answer wrong: %s' % item['answer'])
    err_pos = item['rationale'].find(e['quote']) if e else -1
    err_claims = [c for c in item['claims'] if e and c['quote'] == e['quote']]
    shown_false = False
    for c in item['claims']:
        try:
            ok, act = claim_truth(c, rec, ns, item)
        except Exception as ex:
            errs.append('claim failed to evaluate %r: %s' % (c['quote'], ex))
            continue
        if c in err_claims:
            if not ok and e['kind'] == 'swapped_variables' and len(err_claims) == 2:
                shown_false = True
                other = err_claims[1] if c is err_claims[0] else err_claims[0]
                ok2, act2 = claim_truth(dict(c, value=other['value']), rec, ns, item)
                if not ok2:
                    errs.append('swap not confirmed: %r with %s (%s)' % (c['quote'], other['value'], act2))
            elif not ok:
                shown_false = True
                # the stated value must be false AT THAT POINT and `actual` true there
                ok2, act2 = claim_truth(dict(c, value=e['actual']), rec, ns, item)
                cv = lit(c['value'])
                if not ok2 and isinstance(cv, list):
                    # a sequence claim with one wrong element: put `actual` back in its place
                    st, ac = lit(e['stated']), lit(e['actual'])
                    for i, x in enumerate(cv):
                        if _eq(x, st):
                            fixed = cv[:i] + [ac] + cv[i + 1:]
                            if claim_truth(dict(c, value=repr(fixed)), rec, ns, item)[0]:
                                ok2 = True
                                break
                if not ok2:
                    errs.append('error actual %s not confirmed at that point (%s)' % (e['actual'], act2))
            continue
        if not ok:
            if carried and item['rationale'].find(c['quote']) >= err_pos:
                continue
            errs.append('false claim %r (%s=%s, actual %s)' % (c['quote'], c.get('variable'), c['value'], act))
    if e and err_kind not in ('backward_wrong_input',) and not shown_false:
        errs.append('error claim not shown false: %r' % e['quote'])
    if e and e.get('held_elsewhere'):
        if not held_somewhere(rec, lit(e['stated'])):
            errs.append('held_elsewhere but %s never held' % e['stated'])
    return errs


def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    ids = set()
    bad = 0
    by = {'faithful': 0, 'error': 0}
    for it in items:
        if it['id'] in ids:
            print('DUP', it['id']); bad += 1
        ids.add(it['id'])
        by[it['label']] += 1
        try:
            errs = check_item(it)
        except Exception as ex:
            errs = ['crash: %r' % ex]
        if errs:
            bad += 1
            print('FAIL', it['id'])
            for x in errs:
                print('   ', x)
        else:
            print('ok  ', it['id'], '(%s, %s, %s%s)' % (it['direction'], it['style'], it['label'],
                  ', ' + it['error']['kind'] if it['error'] else ''))
    print('\n%d items (%d faithful, %d error), %d failing' % (len(items), by['faithful'], by['error'], bad))
    return bad


if __name__ == '__main__':
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl') else 0)
