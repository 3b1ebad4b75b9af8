package main

import (
	"fmt"
	"net"
	"sort"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"
	"github.com/distribution/reference"
)

// exemptFromHealthcheck names the long-running services that may run without a health check,
// each with the reason a reviewer would otherwise ask for.
var exemptFromHealthcheck = map[string]string{
	"worker": "REELSMITH_ROLE=worker runs no web server, so it has no endpoint to probe; " +
		"its liveness is the JVM process, which restart: unless-stopped already watches, " +
		"and no service waits for it",
}

// roles are the Reelsmith services and the REELSMITH_ROLE each must run.
var roles = []struct{ service, role string }{
	{"api", "api"},
	{"worker", "worker"},
}

type report struct {
	lines    []string
	problems []string
}

func (r *report) ok(format string, args ...any) {
	r.lines = append(r.lines, "  ok    "+fmt.Sprintf(format, args...))
}

func (r *report) fail(format string, args ...any) {
	r.problems = append(r.problems, fmt.Sprintf(format, args...))
}

// check applies every rule and says what it looked at, so that a passing run documents the file.
func check(p *types.Project) *report {
	r := &report{}
	oneShots := oneShotServices(p)
	checkImages(p, r)
	checkHealthchecks(p, oneShots, r)
	checkDependsOn(p, oneShots, r)
	checkRoles(p, r)
	checkMediaVolume(p, r)
	return r
}

// oneShotServices are those another service waits on to complete successfully: setup jobs.
func oneShotServices(p *types.Project) map[string]bool {
	oneShots := map[string]bool{}
	for _, s := range p.Services {
		for name, dep := range s.DependsOn {
			if dep.Condition == types.ServiceConditionCompletedSuccessfully {
				oneShots[name] = true
			}
		}
	}
	return oneShots
}

func checkImages(p *types.Project, r *report) {
	var pinned []string
	temporalTags := map[string]map[string]bool{} // temporalio/server and admin-tools: tag -> seen
	for _, name := range p.ServiceNames() {
		s := p.Services[name]
		if s.Image == "" {
			r.fail("service %s has no image: name one with a tag, even when it is built (image: name:tag)", name)
			continue
		}
		named, err := reference.ParseNormalizedNamed(s.Image)
		if err != nil {
			r.fail("service %s: image %q is not a valid reference: %v", name, s.Image, err)
			continue
		}
		if reference.FamiliarName(named) == "temporalio/auto-setup" {
			r.fail("service %s uses temporalio/auto-setup, which Temporal deprecated: "+
				"run temporalio/server with a temporalio/admin-tools schema job", name)
			continue
		}
		tagged, hasTag := named.(reference.Tagged)
		_, hasDigest := named.(reference.Digested)
		switch {
		case !hasTag && !hasDigest:
			r.fail("service %s: image %q has no tag, so it means :latest; pin a version", name, s.Image)
		case hasTag && tagged.Tag() == "latest":
			r.fail("service %s: image %q is pinned to latest, which moves; pin a version", name, s.Image)
		default:
			pinned = append(pinned, name+"="+s.Image)
		}
		if repo := reference.FamiliarName(named); hasTag &&
			(repo == "temporalio/server" || repo == "temporalio/admin-tools") {
			if temporalTags[repo] == nil {
				temporalTags[repo] = map[string]bool{}
			}
			temporalTags[repo][tagged.Tag()] = true
		}
	}
	if len(pinned) == len(p.Services) {
		r.ok("images pinned, none temporalio/auto-setup: %s", strings.Join(pinned, ", "))
	}
	checkTemporalVersions(temporalTags, r)
}

// checkTemporalVersions: the schema the admin-tools migrate to must be the one the server expects.
func checkTemporalVersions(tags map[string]map[string]bool, r *report) {
	server, tools := sortedKeys(tags["temporalio/server"]), sortedKeys(tags["temporalio/admin-tools"])
	all := map[string]bool{}
	for _, t := range append(append([]string{}, server...), tools...) {
		all[t] = true
	}
	switch {
	case len(server) == 0 || len(tools) == 0:
		r.fail("the stack needs temporalio/server and a temporalio/admin-tools schema job (server %s, admin-tools %s)",
			joinNames(server), joinNames(tools))
	case len(all) > 1:
		r.fail("temporalio/server (%s) and temporalio/admin-tools (%s) must have one tag: the tools "+
			"migrate the schema to the version their server expects", joinNames(server), joinNames(tools))
	default:
		r.ok("temporalio/server and temporalio/admin-tools at one version: %s", server[0])
	}
}

func checkHealthchecks(p *types.Project, oneShots map[string]bool, r *report) {
	var checked, exempt []string
	for _, name := range p.ServiceNames() {
		s := p.Services[name]
		if oneShots[name] {
			if s.Restart == types.RestartPolicyAlways || s.Restart == types.RestartPolicyUnlessStopped {
				r.fail("one-shot service %s has restart: %s, so it never completes for the services "+
					"that wait on it", name, s.Restart)
			}
			continue
		}
		if hasHealthcheck(s) {
			checked = append(checked, name)
			continue
		}
		if reason, ok := exemptFromHealthcheck[name]; ok {
			exempt = append(exempt, name+" ("+reason+")")
			continue
		}
		r.fail("long-running service %s has no healthcheck: add one, or list it in "+
			"exemptFromHealthcheck (tools/compose-check/rules.go) with the reason", name)
	}
	r.ok("one-shot services (others wait for them to complete): %s", joinNames(sortedKeys(oneShots)))
	r.ok("healthchecks: %s", joinNames(checked))
	if len(exempt) > 0 {
		r.ok("exempt from healthchecks: %s", strings.Join(exempt, "; "))
	}
}

func hasHealthcheck(s types.ServiceConfig) bool {
	h := s.HealthCheck
	return h != nil && !h.Disable && len(h.Test) > 0 && h.Test[0] != "NONE"
}

func checkDependsOn(p *types.Project, oneShots map[string]bool, r *report) {
	var edges []string
	for _, name := range p.ServiceNames() {
		s := p.Services[name]
		for _, dep := range sortedKeys(s.DependsOn) {
			d := s.DependsOn[dep]
			edge := name + " -> " + dep + " (" + d.Condition + ")"
			switch d.Condition {
			case types.ServiceConditionHealthy:
				if !hasHealthcheck(p.Services[dep]) {
					r.fail("%s waits for %s to be healthy, but %s has no healthcheck", name, dep, dep)
					continue
				}
			case types.ServiceConditionCompletedSuccessfully:
				// oneShots is built from these edges; nothing more to ask.
			default:
				r.fail("%s depends on %s with condition %s, which waits for nothing: use "+
					"service_healthy or service_completed_successfully", name, dep, d.Condition)
				continue
			}
			edges = append(edges, edge)
		}
	}
	r.ok("depends_on conditions: %s", strings.Join(edges, ", "))
}

func checkRoles(p *types.Project, r *report) {
	for _, want := range roles {
		s, ok := p.Services[want.service]
		if !ok {
			r.fail("there is no %s service (REELSMITH_ROLE=%s)", want.service, want.role)
			continue
		}
		if role := env(s, "REELSMITH_ROLE"); role != want.role {
			r.fail("service %s sets REELSMITH_ROLE=%q; it must be %q", want.service, role, want.role)
			continue
		}
		address := env(s, "TEMPORAL_ADDRESS")
		host, _, err := net.SplitHostPort(address)
		if err != nil {
			r.fail("service %s: TEMPORAL_ADDRESS=%q is not host:port (unset means an in-process "+
				"Temporal server, which the stack must not run)", want.service, address)
			continue
		}
		if _, ok := p.Services[host]; !ok {
			r.fail("service %s: TEMPORAL_ADDRESS=%q names no service of this file", want.service, address)
			continue
		}
		r.ok("%s: REELSMITH_ROLE=%s, TEMPORAL_ADDRESS=%s", want.service, want.role, address)
	}
}

func checkMediaVolume(p *types.Project, r *report) {
	api, hasAPI := p.Services["api"]
	worker, hasWorker := p.Services["worker"]
	if !hasAPI || !hasWorker {
		return // checkRoles has said so
	}
	apiVolume, apiDir := dataVolume(api, r)
	workerVolume, workerDir := dataVolume(worker, r)
	if apiVolume == "" || workerVolume == "" {
		return
	}
	if apiVolume != workerVolume {
		r.fail("api keeps its data in volume %s and worker in volume %s: the API serves the media "+
			"the workers write, so they must share one", apiVolume, workerVolume)
		return
	}
	r.ok("media: api and worker share volume %s (api at %s, worker at %s)", apiVolume, apiDir, workerDir)
}

// dataVolume is the named volume mounted at the service's REELSMITH_DATA_DIR.
func dataVolume(s types.ServiceConfig, r *report) (volume, dir string) {
	dir = env(s, "REELSMITH_DATA_DIR")
	if dir == "" {
		r.fail("service %s does not set REELSMITH_DATA_DIR", s.Name)
		return "", ""
	}
	for _, v := range s.Volumes {
		if v.Target != dir {
			continue
		}
		if v.Type != types.VolumeTypeVolume || v.Source == "" {
			r.fail("service %s mounts a %s at REELSMITH_DATA_DIR=%s; it must be a named volume", s.Name, v.Type, dir)
			return "", ""
		}
		return v.Source, dir
	}
	r.fail("service %s mounts no volume at REELSMITH_DATA_DIR=%s, so its media would die with the container", s.Name, dir)
	return "", ""
}

func env(s types.ServiceConfig, key string) string {
	if v, ok := s.Environment[key]; ok && v != nil {
		return *v
	}
	return ""
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func joinNames(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
