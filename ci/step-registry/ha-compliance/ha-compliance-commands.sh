#!/bin/bash
# ci-operator step: judge the cluster's HA conventions and publish JUnit.
# ci-operator sets ARTIFACT_DIR (uploaded as this step's artifacts/) and
# SHARED_DIR (files the steps of a test share, with the kubeconfig).
set -o nounset
set -o errexit
set -o pipefail

: "${ARTIFACT_DIR:?ARTIFACT_DIR is set by ci-operator}"
: "${SHARED_DIR:?SHARED_DIR is set by ci-operator}"
FAIL_ON="${HA_COMPLIANCE_FAIL_ON:-never}"
SUITE="${HA_COMPLIANCE_SUITE:-openshift-tests}"
KUBECONFIG="${KUBECONFIG:-${SHARED_DIR}/kubeconfig}"
export HOME="${HOME:-/tmp}"

mkdir -p "${ARTIFACT_DIR}"
inputs=()
if [[ -n "${HA_COMPLIANCE_INPUTS:-}" ]]; then
	read -r -a inputs <<<"${HA_COMPLIANCE_INPUTS}"
	echo "Analyzing HA_COMPLIANCE_INPUTS: ${inputs[*]}"
else
	# What an earlier step left in SHARED_DIR: a must-gather archive or a
	# gather-extra folder.
	shopt -s nullglob
	for f in "${SHARED_DIR}"/must-gather*.tar*; do
		inputs+=("${f}")
	done
	shopt -u nullglob
	if [[ -d "${SHARED_DIR}/gather-extra" ]]; then
		inputs+=("${SHARED_DIR}/gather-extra")
	fi
	if [[ ${#inputs[@]} -eq 0 && -f "${KUBECONFIG}" ]]; then
		if ! command -v oc >/dev/null 2>&1; then
			echo "No input in ${SHARED_DIR} and no oc to gather one: nothing to analyze." >&2
			exit 0
		fi
		if [[ -f "${SHARED_DIR}/proxy-conf.sh" ]]; then
			# shellcheck disable=SC1091
			source "${SHARED_DIR}/proxy-conf.sh"
		fi
		# The files gather-extra writes, under the same names, so that the
		# folder reads as a gather-extra one; budgets as object files beside.
		gathered="${ARTIFACT_DIR}/ha-compliance-input"
		mkdir -p "${gathered}"
		echo "Gathering the objects to judge into ${gathered} ..."
		oc_get() { oc --kubeconfig "${KUBECONFIG}" --request-timeout=60s get "$@" -o json; }
		for kind in pods deployments statefulsets daemonsets replicasets services nodes namespaces clusteroperators; do
			oc_get "${kind}" --all-namespaces >"${gathered}/${kind}.json"
		done
		oc_get clusterversion >"${gathered}/clusterversion.json"
		oc_get infrastructure.config.openshift.io >"${gathered}/config-resources.json"
		oc_get poddisruptionbudgets --all-namespaces >"${ARTIFACT_DIR}/ha-compliance-pdbs.json"
		inputs=("${gathered}" "${ARTIFACT_DIR}/ha-compliance-pdbs.json")
	fi
fi
if [[ ${#inputs[@]} -eq 0 ]]; then
	echo "No input: no must-gather or gather-extra in ${SHARED_DIR}, no kubeconfig, no HA_COMPLIANCE_INPUTS. Nothing to analyze." >&2
	exit 0
fi

# shellcheck disable=SC2206 # flags are words by design
extra=(${HA_COMPLIANCE_ARGS:-})
status=0
ha-compliance analyze "${inputs[@]}" \
	--output-dir "${ARTIFACT_DIR}" \
	--suite-name "${SUITE}" \
	--fail-on "${FAIL_ON}" \
	--quiet \
	"${extra[@]}" || status=$?
ls -l "${ARTIFACT_DIR}/junit" 2>/dev/null || true
# Exit 1 is "a blocking check failed" (only with --fail-on fail); anything
# else is the tool's own failure and fails the step whatever FAIL_ON says.
exit "${status}"
