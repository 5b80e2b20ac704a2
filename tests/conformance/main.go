// Conformance checker: reads sigscope's JSON lines and checks them against the facts of
// Tracee's types, written below as tables (no Tracee code: the facts were read from
// github.com/aquasecurity/tracee at main 7c9ec9788ec5 (2026-08-03) and tag v0.23.2; see
// docs/events.md "Tracee compatibility"). Standard library only, built offline.
//
//	conformance -format trace-event FILE...   Tracee's trace.Event (sigscope -o json)
//	conformance -format tracee-v2 FILE...     current Tracee's --output json (-o tracee-v2)
package main

// The kind switch repeats one shape per argument kind on purpose: each Tracee type decodes its own way.

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ---- Facts of Tracee's types ------------------------------------------------------------

// numRule: what trace.Argument.UnmarshalJSON turns a JSON number under a type name into.
type numRule struct {
	goType string // the Go type of the decoded value
	bits   int
	signed bool
	float  bool
}

type traceeRules struct {
	version string
	numbers map[string]numRule // type name -> decoded kind; "…*" handled apart
	ptrType string             // Go type a number typed "…*" becomes
	strList map[string]bool    // type names decoded as []string
}

// types/trace/trace.go, Argument.UnmarshalJSON, main 7c9ec9788ec5.
var rulesMain = traceeRules{
	version: "main",
	numbers: map[string]numRule{
		"trace.Pointer": {"trace.Pointer", 64, false, false},
		"int32":         {"int32", 32, true, false},
		"int64":         {"int64", 64, true, false},
		"uint32":        {"uint32", 32, false, false},
		"uint64":        {"uint64", 64, false, false},
		"float":         {"float32", 32, true, true},
		"float64":       {"float64", 64, true, true},
		"uint16":        {"uint16", 16, false, false},
		"int8":          {"int8", 8, true, false},
		"uint8":         {"uint8", 8, false, false},
	},
	ptrType: "trace.Pointer",
	strList: map[string]bool{"[]string": true},
}

// The same function at tag v0.23.2.
var rulesV0232 = traceeRules{
	version: "v0.23.2",
	numbers: func() map[string]numRule {
		m := map[string]numRule{}
		for _, t := range []string{"int", "pid_t", "uid_t", "gid_t", "mqd_t", "clockid_t",
			"const clockid_t", "key_t", "key_serial_t", "timer_t", "landlock_rule_type"} {
			m[t] = numRule{"int32", 32, true, false}
		}
		m["long"] = numRule{"int64", 64, true, false}
		for _, t := range []string{"unsigned int", "u32", "mode_t", "dev_t"} {
			m[t] = numRule{"uint32", 32, false, false}
		}
		for _, t := range []string{"unsigned long", "u64", "off_t", "size_t"} {
			m[t] = numRule{"uint64", 64, false, false}
		}
		m["float"] = numRule{"float32", 32, true, true}
		m["float64"] = numRule{"float64", 64, true, true}
		m["double"] = numRule{"float64", 64, true, true}
		for _, t := range []string{"unsigned short", "old_uid_t", "old_gid_t", "umode_t", "u16",
			"uint16"} {
			m[t] = numRule{"uint16", 16, false, false}
		}
		m["int8"] = numRule{"int8", 8, true, false}
		m["u8"] = numRule{"uint8", 8, false, false}
		m["uint8"] = numRule{"uint8", 8, false, false}
		return m
	}(),
	ptrType: "uint64",
	strList: map[string]bool{"const char*const*": true, "const char**": true},
}

// Event ids Tracee uses (pkg/events/core.go at main and every v0.x tag): syscalls below 700,
// 700-8999 by category (common 700-1499 ... signatures 6000-6999, detectors 7500-7999, tests
// 8000-8999), Unsupported 9000, built-ins up to MaxBuiltinID 9999, the sentinels
// 0xfffffff-1..-3; the protobuf EventId enum (api/v1beta1/event.proto) ends at 2026.
func traceeUsesID(id int) bool {
	return id <= 9999 || (id >= 0xfffffff-4 && id <= 0xfffffff)
}

// sigscope's kinds of argument value and the names Tracee gives them.
type kind int

const (
	kPtr kind = iota
	kU64
	kU32
	kI32
	kStr
	kBool
	kStrs
	kBytes
	kObj
)

// Type name in trace.Event (current Tracee) and EventValue field in tracee-v2.
var kindNames = map[kind][2]string{
	kPtr: {"void*", "pointer"}, kU64: {"uint64", "u_int64"}, kU32: {"uint32", "u_int32"},
	kI32: {"int32", "int32"}, kStr: {"const char*", "str"}, kBool: {"bool", "bool"},
	kStrs: {"[]string", "str_array"}, kBytes: {"[]byte", "bytes"}, kObj: {"", "struct"},
}

// The args of each sigscope event (docs/events.md), in order; "?" marks an optional one.
type argSpec struct {
	name string
	k    kind
	opt  bool
	null bool // may be null
}

var srArgs = []argSpec{
	{"ustack", kPtr, false, false}, {"abi", kStr, false, false}, {"call_site", kPtr, false, false},
	{"frame_read", kStr, false, false}, {"authority", kStr, false, false},
	{"uc_flags", kU64, true, false}, {"uc_link", kPtr, true, false}, {"uc_stack", kObj, true, false},
	{"uc_mcontext", kObj, true, false}, {"uc_sigmask", kStrs, true, false},
	{"siginfo", kObj, true, false}, {"restored", kObj, true, false},
	{"mismatch", kStrs, false, false}, {"pairing", kObj, false, false},
	{"stack_bytes", kBytes, true, false}, {"verdict", kObj, false, false},
}

var eventArgs = map[string][]argSpec{
	"rt_sigreturn": srArgs,
	"signal_deliver": {{"sig", kI32, false, false}, {"signal", kStr, false, false},
		{"siginfo", kObj, true, false}, {"handler", kPtr, false, false},
		{"sa_flags", kStr, false, false}, {"sa_restorer", kPtr, false, false},
		{"sa_mask", kStrs, false, false}, {"blocked", kStrs, false, false},
		{"regs", kObj, false, false}, {"restart", kStr, false, false},
		{"altstack", kBool, false, false}, {"handled", kBool, false, false},
		{"frame", kPtr, true, false},
		{"deliverySeq", kU32, false, false}, {"depth", kU32, false, false}},
	"signal_generate": {{"sig", kI32, false, false}, {"signal", kStr, false, false},
		{"si_code", kStr, false, false}, // or int32: checked apart
		{"target_pid", kI32, false, false}, {"target_tid", kI32, false, false},
		{"target_comm", kStr, false, false}, {"group", kBool, false, false},
		{"result", kStr, false, false}},
	"sigscope_enforcement": {{"signal", kStr, false, false}, {"findings", kStrs, false, false},
		{"severity", kI32, false, false}, {"threshold", kI32, false, true},
		{"ustack", kPtr, false, false}},
	// Findings: one arg per evidence key.
	"sigreturn_forged_frame": {{"ustack", kPtr, false, false},
		{"outstanding_deliveries", kU32, false, false},
		{"thread_predates_tracer", kBool, false, false},
		{"symbols", kObj, false, false}},
	"sigreturn_wrong_call_site": {{"call_site", kPtr, false, false}, {"check", kStr, false, false},
		{"delivered_restorer", kPtr, true, false},
		{"symbols", kObj, false, false}},
	"sigreturn_tampered_context": {{"changed", kStrs, false, false}, {"saved", kObj, false, false},
		{"restored", kObj, false, true}, {"rip_class", kStr, false, false},
		{"rip_mapping", kStr, false, false}, {"pattern", kStr, false, false},
		{"explanation", kStr, false, false}, {"symbols", kObj, false, false}},
	"sigreturn_stack_pivot": {{"rsp", kPtr, false, true}, {"reference_rsp", kPtr, false, false},
		{"rsp_class", kStr, false, false}, {"rsp_mapping", kStr, false, false},
		{"reference_mapping", kStr, false, false},
		{"symbols", kObj, false, false}},
	"sigreturn_toctou": {{"mismatch", kStrs, false, false}, {"frame_read", kStr, false, false},
		{"symbols", kObj, false, false}},
	"sigreturn_abi_switch": {{"abi", kStr, false, false}, {"entry_cs", kU64, false, false},
		{"restored_cs", kU64, false, true},
		{"symbols", kObj, false, false}},
	"sigreturn_preexisting_unmatched": {{"ustack", kPtr, false, false},
		{"restored_rsp", kPtr, false, true},
		{"symbols", kObj, false, false}},
}

// sigscope's ids (src/rules/findings.h), by event name.
var sigscopeIDs = map[string]int{
	"signal_deliver": 30001, "signal_generate": 30002,
	"sigreturn_forged_frame": 30101, "sigreturn_wrong_call_site": 30102,
	"sigreturn_tampered_context": 30103, "sigreturn_stack_pivot": 30104, "sigreturn_toctou": 30105,
	"sigreturn_abi_switch": 30106, "sigreturn_preexisting_unmatched": 30107,
	"sigscope_enforcement": 30200,
}

// Properties keys of a finding as Tracee's signatures and getMetadataFromSignatureMetadata
// write them (the latter always sets signatureID, signatureName, Severity, Category,
// Technique, id, external_id).
var findingProps = []string{"Severity", "Category", "Technique", "id", "external_id",
	"signatureID", "signatureName"}

// ---- trace.Event mirror ------------------------------------------------------------------

type Pointer uint64

type Argument struct {
	Name  string      `json:"name"`
	Type  string      `json:"type"`
	Value interface{} `json:"value"`
	raw   json.RawMessage
}

// decodeArg does what trace.Argument.UnmarshalJSON of rules r does with one argument.
func decodeArg(b []byte, r traceeRules) (Argument, error) {
	var a Argument
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(&a); err != nil {
		return a, err
	}
	var rv struct {
		V json.RawMessage `json:"value"`
	}
	_ = json.Unmarshal(b, &rv)
	a.raw = rv.V
	if a.Value == nil {
		return a, nil
	}
	if num, ok := a.Value.(json.Number); ok {
		if strings.HasSuffix(a.Type, "*") {
			u, err := strconv.ParseUint(num.String(), 10, 64)
			if err != nil {
				return a, err
			}
			if r.ptrType == "trace.Pointer" {
				a.Type, a.Value = "trace.Pointer", Pointer(u)
			} else {
				a.Value = u
			}
			return a, nil
		}
		nr, ok := r.numbers[a.Type]
		if !ok {
			return a, fmt.Errorf("unrecognized argument type %s of argument %s", a.Type, a.Name)
		}
		switch {
		case nr.float:
			f, err := strconv.ParseFloat(num.String(), nr.bits)
			if err != nil {
				return a, err
			}
			a.Value = f
		case nr.signed:
			i, err := strconv.ParseInt(num.String(), 10, nr.bits)
			if err != nil {
				return a, err
			}
			a.Value = i
		default:
			u, err := strconv.ParseUint(num.String(), 10, nr.bits)
			if err != nil {
				return a, err
			}
			if nr.goType == "trace.Pointer" {
				a.Value = Pointer(u)
			} else {
				a.Value = u
			}
		}
		return a, nil
	}
	if r.strList[a.Type] {
		l, ok := a.Value.([]interface{})
		if !ok {
			return a, fmt.Errorf("%s: type error", a.Type)
		}
		ss := make([]string, 0, len(l))
		for _, e := range l {
			s, _ := e.(string) // Tracee keeps the strings and drops the rest
			if _, isStr := e.(string); isStr {
				ss = append(ss, s)
			}
		}
		a.Value = ss
	}
	return a, nil
}

type Event struct {
	Timestamp           int    `json:"timestamp"`
	ThreadStartTime     int    `json:"threadStartTime"`
	ProcessorID         int    `json:"processorId"`
	ProcessID           int    `json:"processId"`
	CgroupID            uint   `json:"cgroupId"`
	ThreadID            int    `json:"threadId"`
	ParentProcessID     int    `json:"parentProcessId"`
	HostProcessID       int    `json:"hostProcessId"`
	HostThreadID        int    `json:"hostThreadId"`
	HostParentProcessID int    `json:"hostParentProcessId"`
	UserID              int    `json:"userId"`
	MountNS             int    `json:"mountNamespace"`
	PIDNS               int    `json:"pidNamespace"`
	ProcessName         string `json:"processName"`
	Executable          struct {
		Path string `json:"path"`
	} `json:"executable"`
	HostName       string   `json:"hostName"`
	ContainerID    string   `json:"containerId"`
	EventID        int      `json:"eventId,string"`
	EventName      string   `json:"eventName"`
	ArgsNum        int      `json:"argsNum"`
	ReturnValue    int      `json:"returnValue"`
	Syscall        string   `json:"syscall"`
	StackAddresses []uint64 `json:"stackAddresses"`
	ContextFlags   struct {
		ContainerStarted bool `json:"containerStarted"`
		IsCompat         bool `json:"isCompat"`
	} `json:"contextFlags"`
	Args     []json.RawMessage `json:"args"`
	Metadata *struct {
		Version     string
		Description string
		Tags        []string
		Properties  map[string]interface{}
	} `json:"metadata,omitempty"`
}

// ---- checks ------------------------------------------------------------------------------

type report struct {
	lines, args  int
	byEvent      map[string]int
	failures     []string
	oldRejected  map[string]int // v0.23.2: "event.arg (type)" -> lines it made undecodable
	oldUndecoded int
}

func (r *report) fail(where, f string, a ...interface{}) {
	if len(r.failures) < 40 {
		r.failures = append(r.failures, where+": "+fmt.Sprintf(f, a...))
	} else if len(r.failures) == 40 {
		r.failures = append(r.failures, "…")
	}
}

// rawU64 reads a raw JSON number exactly.
func rawU64(raw json.RawMessage) (uint64, bool) {
	u, err := strconv.ParseUint(string(bytes.TrimSpace(raw)), 10, 64)
	return u, err == nil
}

// checkArgValue: the decoded value is what Tracee's helpers read back as sigscope meant.
func checkArgValue(r *report, where string, a Argument, spec argSpec, rules traceeRules) {
	if a.Value == nil {
		if !spec.null {
			r.fail(where, "%s is null", a.Name)
		}
		return
	}
	want := kindNames[spec.k][0]
	switch spec.k {
	case kPtr:
		if a.Type != "trace.Pointer" { // "void*" decoded by the pointer rule
			r.fail(where, "%s: pointer decoded as type %q", a.Name, a.Type)
		}
		p, ok := a.Value.(Pointer) // ArgVal[trace.Pointer]
		u, exact := rawU64(a.raw)
		if !ok || !exact || uint64(p) != u {
			r.fail(where, "%s: ArgVal[trace.Pointer] gives %v (%T), raw %s", a.Name, a.Value,
				a.Value, a.raw)
		}
		return
	case kU64, kU32:
		u, exact := rawU64(a.raw)
		v, ok := a.Value.(uint64) // GetUintArgumentByName (uint32/uint64)
		if a.Type != want || !ok || !exact || v != u {
			r.fail(where, "%s: type %q value %v (%T), raw %s; want %s", a.Name, a.Type,
				a.Value, a.Value, a.raw, want)
		}
		return
	case kI32:
		v, ok := a.Value.(int64) // GetIntArgumentByName (int32)
		i, err := strconv.ParseInt(string(a.raw), 10, 32)
		if a.Type != want || !ok || err != nil || v != i {
			r.fail(where, "%s: type %q value %v (%T), raw %s; want int32", a.Name, a.Type,
				a.Value, a.Value, a.raw)
		}
		return
	case kStr:
		if _, ok := a.Value.(string); !ok || a.Type != want {
			r.fail(where, "%s: type %q value %T; want const char* string", a.Name, a.Type, a.Value)
		}
		return
	case kBool:
		if _, ok := a.Value.(bool); !ok || a.Type != want {
			r.fail(where, "%s: type %q value %T; want bool", a.Name, a.Type, a.Value)
		}
		return
	case kStrs:
		ss, ok := a.Value.([]string) // GetSliceStringArgumentByName
		var raw []interface{}
		_ = json.Unmarshal(a.raw, &raw)
		if a.Type != want || !ok || len(ss) != len(raw) {
			r.fail(where, "%s: type %q value %T; want []string", a.Name, a.Type, a.Value)
		}
		return
	case kBytes:
		s, ok := a.Value.(string) // GetBytesSliceArgumentByName: base64
		b, err := base64.StdEncoding.DecodeString(s)
		if a.Type != want || !ok || err != nil || base64.StdEncoding.EncodeToString(b) != s {
			r.fail(where, "%s: type %q value %.40v: not canonical base64 []byte", a.Name,
				a.Type, a.Value)
		}
		return
	case kObj:
		o, ok := a.Value.(map[string]interface{})
		if !ok {
			r.fail(where, "%s: type %q value %T; want an object", a.Name, a.Type, a.Value)
		} else if a.Name == "symbols" {
			checkSymbols(r, where, o)
		}
	}
}

// The symbols arg of a finding (docs/events.md "Symbols"): one member per role, each an object
// with these keys, in this order, of these JSON types (null where a value is not known).
var symbolKeys = []string{"address", "module", "fileOffset", "offset", "symbol", "symbolOffset",
	"buildId", "maps", "text"}
var symbolRoles = map[string]bool{"rip": true, "saved_rip": true, "handler": true,
	"call_site": true, "restorer": true}

func checkSymbols(r *report, where string, o map[string]interface{}) {
	if len(o) == 0 {
		r.fail(where, "symbols: empty")
	}
	for role, v := range o {
		m, ok := v.(map[string]interface{})
		if !symbolRoles[role] || !ok || len(m) != len(symbolKeys) {
			r.fail(where, "symbols: member %q is not a symbol object", role)
			continue
		}
		for _, k := range symbolKeys {
			x, present := m[k]
			if !present {
				r.fail(where, "symbols.%s: no %q", role, k)
				continue
			}
			switch k {
			case "module", "text":
				if _, ok := x.(string); !ok {
					r.fail(where, "symbols.%s.%s: %T, want a string", role, k, x)
				}
			case "symbol", "buildId", "maps":
				if _, ok := x.(string); !ok && x != nil {
					r.fail(where, "symbols.%s.%s: %T, want a string or null", role, k, x)
				}
			default: // numbers (strings in tracee-v2 are not decoded here)
				if _, ok := x.(json.Number); !ok && x != nil {
					r.fail(where, "symbols.%s.%s: %T, want a number or null", role, k, x)
				}
			}
		}
	}
}

// checkArgs: names, order and kinds of an event's args against its spec.
func checkArgs(r *report, where, event string, args []Argument, rules traceeRules) {
	specs, ok := eventArgs[event]
	if !ok {
		r.fail(where, "unknown event %q", event)
		return
	}
	i := 0
	for _, s := range specs {
		if i < len(args) && args[i].Name == s.name {
			sp := s
			if event == "signal_generate" && s.name == "si_code" && args[i].Type == "int32" {
				sp.k = kI32
			}
			checkArgValue(r, where, args[i], sp, rules)
			i++
		} else if !s.opt {
			r.fail(where, "%s: arg %q missing or out of order", event, s.name)
		}
	}
	for ; i < len(args); i++ {
		if !(strings.HasPrefix(event, "sigreturn_") && args[i].Name == "detectedFrom" &&
			i == len(args)-1) {
			r.fail(where, "%s: unexpected arg %q", event, args[i].Name)
		}
	}
}

func decodeArgs(raws []json.RawMessage, rules traceeRules) ([]Argument, error) {
	out := make([]Argument, 0, len(raws))
	for _, b := range raws {
		a, err := decodeArg(b, rules)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

func checkTraceEvent(r *report, where string, line []byte) {
	var e Event
	if err := json.Unmarshal(line, &e); err != nil {
		r.fail(where, "not a trace.Event: %v", err)
		return
	}
	r.byEvent[e.EventName]++
	// IDs: rt_sigreturn is Tracee's own syscall event; ours lie outside every Tracee range.
	if e.EventName == "rt_sigreturn" {
		if e.EventID != 15 {
			r.fail(where, "rt_sigreturn eventId %d, Tracee's is 15", e.EventID)
		}
	} else if id, ok := sigscopeIDs[e.EventName]; !ok || id != e.EventID || traceeUsesID(id) {
		r.fail(where, "%s eventId %d (want %d, outside Tracee's ranges)", e.EventName, e.EventID, id)
	}
	args, err := decodeArgs(e.Args, rulesMain)
	if err != nil {
		r.fail(where, "current Tracee rejects it: %v", err)
		return
	}
	r.args += len(args)
	if e.ArgsNum != len(args) {
		r.fail(where, "argsNum %d != %d args", e.ArgsNum, len(args))
	}
	checkArgs(r, where, e.EventName, args, rulesMain)
	if strings.HasPrefix(e.EventName, "sigreturn_") {
		checkFinding(r, where, &e, args)
	} else if e.Metadata != nil {
		r.fail(where, "%s has metadata", e.EventName)
	}
	// v0.23.2: does it decode there, and if not, which type names it lacks.
	for _, b := range e.Args {
		if _, err := decodeArg(b, rulesV0232); err != nil {
			var a Argument
			_ = json.Unmarshal(b, &a)
			r.oldRejected[fmt.Sprintf("%s.%s (%s)", e.EventName, a.Name, a.Type)]++
			r.oldUndecoded++
			break
		}
	}
}

// checkFinding: Tracee's current finding layout (pkg/events/findings: getArguments,
// getMetadataFromSignatureMetadata): data args, then detectedFrom {id,name,args,returnValue}
// typed "unknown"; no triggeredBy (≤ v0.23's name); metadata with the Properties Tracee always
// writes and Severity 0..4.
func checkFinding(r *report, where string, e *Event, args []Argument) {
	if len(args) == 0 || args[len(args)-1].Name != "detectedFrom" {
		r.fail(where, "finding: detectedFrom is not the last arg")
		return
	}
	seen := map[string]bool{}
	for _, a := range args {
		if a.Name == "triggeredBy" {
			r.fail(where, "finding carries triggeredBy")
		}
		if seen[a.Name] {
			r.fail(where, "finding: arg %q twice", a.Name)
		}
		seen[a.Name] = true
	}
	df := args[len(args)-1]
	m, ok := df.Value.(map[string]interface{})
	if df.Type != "unknown" || !ok {
		r.fail(where, "detectedFrom: type %q value %T", df.Type, df.Value)
		return
	}
	keys := []string{}
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if strings.Join(keys, ",") != "args,id,name,returnValue" {
		r.fail(where, "detectedFrom keys %v", keys)
	}
	if n, _ := m["id"].(json.Number); n.String() != "15" || m["name"] != "rt_sigreturn" {
		r.fail(where, "detectedFrom is %v/%v, not rt_sigreturn 15", m["id"], m["name"])
	}
	// The source event's args decode as Tracee decodes args, and are an rt_sigreturn's.
	var src struct {
		Args []json.RawMessage `json:"args"`
	}
	raw, _ := json.Marshal(m)
	_ = json.Unmarshal(raw, &src)
	sargs, err := decodeArgs(src.Args, rulesMain)
	if err != nil {
		r.fail(where, "detectedFrom args: %v", err)
	} else {
		checkArgs(r, where+" detectedFrom", "rt_sigreturn", sargs, rulesMain)
	}
	md := e.Metadata
	if md == nil || md.Version == "" || md.Description == "" || len(md.Tags) == 0 {
		r.fail(where, "finding without Tracee's metadata")
		return
	}
	for _, k := range findingProps {
		if _, ok := md.Properties[k]; !ok {
			r.fail(where, "metadata.Properties lacks %s", k)
		}
	}
	sev, ok := md.Properties["Severity"].(float64)
	if !ok || sev != float64(int(sev)) || sev < 0 || sev > 4 {
		r.fail(where, "Severity %v not an integer 0..4", md.Properties["Severity"])
	}
	if id, _ := md.Properties["id"].(string); !strings.HasPrefix(id, "attack-pattern--") {
		r.fail(where, "Properties.id %v is not a MITRE ATT&CK STIX id", md.Properties["id"])
	}
}

// ---- tracee-v2 mirror (api/v1beta1/event.proto, event_json.go) ----------------------------

type u32w = *uint32

type V2Process struct {
	Executable *struct {
		Path string `json:"path"`
	} `json:"executable,omitempty"`
	UniqueID u32w `json:"unique_id,omitempty"`
	HostPid  u32w `json:"host_pid,omitempty"`
	Pid      u32w `json:"pid,omitempty"`
	RealUser *struct {
		ID u32w `json:"id"`
	} `json:"real_user,omitempty"`
	Thread *struct {
		StartTime      string          `json:"start_time,omitempty"`
		Name           string          `json:"name,omitempty"`
		UniqueID       u32w            `json:"unique_id,omitempty"`
		HostTid        u32w            `json:"host_tid,omitempty"`
		Tid            u32w            `json:"tid,omitempty"`
		Syscall        string          `json:"syscall,omitempty"`
		Compat         bool            `json:"compat,omitempty"`
		UserStackTrace json.RawMessage `json:"user_stack_trace,omitempty"`
	} `json:"thread,omitempty"`
	Ancestors []V2Process `json:"ancestors,omitempty"`
}

type V2Event struct {
	Timestamp string `json:"timestamp"`
	ID        int    `json:"id"`
	Name      string `json:"name"`
	Policies  *struct {
		Matched []string `json:"matched"`
	} `json:"policies,omitempty"`
	Workload *struct {
		Process   *V2Process `json:"process,omitempty"`
		Container *struct {
			ID      string          `json:"id"`
			Name    string          `json:"name"`
			Image   json.RawMessage `json:"image,omitempty"`
			Started bool            `json:"started"`
		} `json:"container,omitempty"`
		K8s json.RawMessage `json:"k8s,omitempty"`
	} `json:"workload,omitempty"`
	Data   []json.RawMessage `json:"data,omitempty"`
	Threat *struct {
		Description string `json:"description"`
		Mitre       *struct {
			Tactic *struct {
				Name string `json:"name"`
			} `json:"tactic,omitempty"`
			Technique *struct {
				ID   string `json:"id"`
				Name string `json:"name"`
			} `json:"technique,omitempty"`
		} `json:"mitre,omitempty"`
		Severity   int               `json:"severity"`
		Name       string            `json:"name"`
		Properties map[string]string `json:"properties,omitempty"`
	} `json:"threat,omitempty"`
	DetectedFrom *struct {
		ID   uint32            `json:"id"`
		Name string            `json:"name"`
		Data []json.RawMessage `json:"data,omitempty"`
	} `json:"detected_from,omitempty"`
}

func strictDecode(b []byte, v interface{}) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	d.UseNumber()
	return d.Decode(v)
}

// checkV2Value: one EventValue, {"name", <one field>}, the field being the one Tracee's printer
// writes for the kind, encoded as it writes it.
func checkV2Value(r *report, where string, b []byte, spec argSpec) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil || len(m) != 2 {
		r.fail(where, "EventValue %s is not {name, one value}", b)
		return
	}
	field := ""
	for k := range m {
		if k != "name" {
			field = k
		}
	}
	v := m[field]
	if field == "value" {
		if string(v) != "null" || !spec.null {
			r.fail(where, "%s: value %s", spec.name, v)
		}
		return
	}
	want := kindNames[spec.k][1]
	if field != want {
		r.fail(where, "%s: field %q, want %q", spec.name, field, want)
		return
	}
	var err error
	switch spec.k {
	case kPtr, kU64: // uint64 as a decimal string
		var s string
		if err = json.Unmarshal(v, &s); err == nil {
			_, err = strconv.ParseUint(s, 10, 64)
		}
	case kU32:
		var u uint32
		err = json.Unmarshal(v, &u)
	case kI32:
		var i int32
		err = json.Unmarshal(v, &i)
	case kStr:
		var s string
		err = json.Unmarshal(v, &s)
	case kBool:
		var x bool
		err = json.Unmarshal(v, &x)
	case kStrs: // StringArray: {"value":[…]}, {} when empty
		var sa struct {
			Value []string `json:"value"`
		}
		err = strictDecode(v, &sa)
	case kBytes:
		var s string
		if err = json.Unmarshal(v, &s); err == nil {
			_, err = base64.StdEncoding.DecodeString(s)
		}
	case kObj:
		var o map[string]interface{}
		err = json.Unmarshal(v, &o)
	}
	if err != nil {
		r.fail(where, "%s: %s %s: %v", spec.name, field, v, err)
	}
}

func checkV2Data(r *report, where, event string, data []json.RawMessage) {
	specs := eventArgs[event]
	if event == "rt_sigreturn" { // current Tracee: a syscall's return value is an int64 arg
		specs = append(append([]argSpec{}, specs...), argSpec{"returnValue", kU64, false, false})
	}
	i := 0
	for _, s := range specs {
		var n struct {
			Name string `json:"name"`
		}
		if i < len(data) {
			_ = json.Unmarshal(data[i], &n)
		}
		if i < len(data) && n.Name == s.name {
			sp := s
			if s.name == "returnValue" {
				var m map[string]json.RawMessage
				_ = json.Unmarshal(data[i], &m)
				var str string
				if json.Unmarshal(m["int64"], &str) != nil {
					r.fail(where, "returnValue is not an int64 string")
				} else if _, err := strconv.ParseInt(str, 10, 64); err != nil {
					r.fail(where, "returnValue %q", str)
				}
				i++
				continue
			}
			if event == "signal_generate" && s.name == "si_code" &&
				bytes.Contains(data[i], []byte(`"int32":`)) {
				sp.k = kI32
			}
			checkV2Value(r, where, data[i], sp)
			i++
		} else if !s.opt {
			r.fail(where, "%s: data %q missing or out of order", event, s.name)
		}
	}
	if i != len(data) {
		r.fail(where, "%s: %d unexpected data entries", event, len(data)-i)
	}
}

func checkV2(r *report, where string, line []byte) {
	var e V2Event
	if err := strictDecode(line, &e); err != nil {
		r.fail(where, "not current Tracee's v1beta1.Event JSON: %v", err)
		return
	}
	r.byEvent[e.Name]++
	if _, err := time.Parse(time.RFC3339Nano, e.Timestamp); err != nil ||
		!strings.HasSuffix(e.Timestamp, "Z") {
		r.fail(where, "timestamp %q is not RFC 3339 UTC", e.Timestamp)
	}
	if e.Name == "rt_sigreturn" {
		if e.ID != 16 { // EventId enum: rt_sigreturn = 16 (internal 15, translated)
			r.fail(where, "rt_sigreturn id %d, Tracee's EventId is 16", e.ID)
		}
	} else if id, ok := sigscopeIDs[e.Name]; !ok || id != e.ID || traceeUsesID(id) {
		r.fail(where, "%s id %d", e.Name, e.ID)
	}
	p := (*V2Process)(nil)
	if e.Workload != nil {
		p = e.Workload.Process
	}
	if p == nil || p.Pid == nil || p.HostPid == nil || p.Thread == nil || p.Thread.Tid == nil ||
		p.Thread.HostTid == nil || p.RealUser == nil || p.RealUser.ID == nil {
		r.fail(where, "workload.process lacks pid, host_pid, real_user or thread ids")
	} else if p.Thread.StartTime != "" {
		if _, err := time.Parse(time.RFC3339Nano, p.Thread.StartTime); err != nil {
			r.fail(where, "thread.start_time %q", p.Thread.StartTime)
		}
	}
	r.args += len(e.Data)
	checkV2Data(r, where, e.Name, e.Data)
	finding := strings.HasPrefix(e.Name, "sigreturn_")
	if finding != (e.Threat != nil) || finding != (e.DetectedFrom != nil) {
		r.fail(where, "threat/detected_from present %v/%v on %s", e.Threat != nil,
			e.DetectedFrom != nil, e.Name)
	}
	if !finding {
		return
	}
	t := e.Threat
	if t.Severity < 0 || t.Severity > 4 || t.Name == "" || t.Description == "" ||
		t.Mitre == nil || t.Mitre.Tactic == nil || t.Mitre.Technique == nil ||
		t.Mitre.Technique.ID == "" || t.Properties["signatureID"] == "" ||
		!strings.HasPrefix(t.Properties["id"], "attack-pattern--") {
		r.fail(where, "threat %+v", t)
	}
	for _, k := range []string{"Severity", "Category", "Technique", "external_id",
		"signatureName"} {
		if _, ok := t.Properties[k]; ok {
			r.fail(where, "threat.properties has %s (Tracee moves it out)", k)
		}
	}
	df := e.DetectedFrom
	if df.ID != 15 || df.Name != "rt_sigreturn" { // Tracee keeps the internal id here
		r.fail(where, "detected_from %d %s", df.ID, df.Name)
	}
	checkV2Data(r, where+" detected_from", "rt_sigreturn", df.Data)
}

func main() {
	format := flag.String("format", "trace-event", "trace-event or tracee-v2")
	minLines := flag.Int("min-lines", 1, "fail with fewer lines")
	need := flag.String("need", "", "comma-separated event names that must appear")
	flag.Parse()
	r := &report{byEvent: map[string]int{}, oldRejected: map[string]int{}}
	for _, path := range flag.Args() {
		f, err := os.Open(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		n := 0
		for sc.Scan() {
			n++
			line := sc.Bytes()
			if len(bytes.TrimSpace(line)) == 0 {
				continue
			}
			r.lines++
			where := fmt.Sprintf("%s:%d", path, n)
			if *format == "tracee-v2" {
				checkV2(r, where, line)
			} else {
				checkTraceEvent(r, where, line)
			}
		}
		if err := sc.Err(); err != nil {
			r.fail(path, "%v", err)
		}
		f.Close()
	}
	if r.lines < *minLines {
		r.fail("input", "%d lines, want at least %d", r.lines, *minLines)
	}
	for _, n := range strings.Split(*need, ",") {
		if n != "" && r.byEvent[n] == 0 {
			r.fail("input", "no %s event", n)
		}
	}
	names := []string{}
	for k, v := range r.byEvent {
		names = append(names, fmt.Sprintf("%s %d", k, v))
	}
	sort.Strings(names)
	fmt.Printf("conformance %s: %d lines, %d args/data (%s)\n", *format, r.lines, r.args,
		strings.Join(names, ", "))
	if *format == "trace-event" {
		fmt.Printf("conformance trace-event: current Tracee (main 7c9ec97) decodes %d/%d lines\n",
			r.lines-countFails(r), r.lines)
		keys := []string{}
		for k, v := range r.oldRejected {
			keys = append(keys, fmt.Sprintf("%s: %d", k, v))
		}
		sort.Strings(keys)
		fmt.Printf("conformance trace-event: Tracee v0.23.2 decodes %d/%d lines; it rejects the "+
			"first arg typed with a name it lacks: %s\n", r.lines-r.oldUndecoded, r.lines,
			strings.Join(keys, "; "))
		// The only difference allowed: v0.23.2 lacks current Tracee's number type names.
		for k := range r.oldRejected {
			if !(strings.HasSuffix(k, "(int32)") || strings.HasSuffix(k, "(uint32)") ||
				strings.HasSuffix(k, "(uint64)")) {
				r.fail("v0.23.2", "rejects %s for another reason than a type name", k)
			}
		}
	}
	if len(r.failures) > 0 {
		for _, f := range r.failures {
			fmt.Println("FAIL", f)
		}
		os.Exit(1)
	}
	fmt.Printf("conformance %s: ok\n", *format)
}

func countFails(r *report) int {
	n := 0
	for _, f := range r.failures {
		if strings.Contains(f, "current Tracee rejects") || strings.Contains(f, "not a trace.Event") {
			n++
		}
	}
	return n
}
